import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConsoleCharts } from "../adapters/console/console-charts.js";
import { runConsoleChat } from "../adapters/console/console-chat.js";
import { toText } from "../adapters/console/render-text.js";
import { CatalogError, loadCatalog } from "../src/catalog/load-catalog.js";
import { LOCALES, type Locale } from "../src/catalog/schema.js";
import { ConfigError, loadConfig, type Config } from "../src/config/config.js";
import { createLogger, type Logger } from "../src/logging/logger.js";
import { chooseAdapters } from "./choose-adapters.js";
import { startPlatforms, stopPlatforms } from "./start-platforms.js";
import { createParcours, type Parcours } from "../src/parcours.js";
import { DatabaseUrlError } from "../src/records/database.js";
import { RuleBasedUnderstanding } from "../src/understanding/rule-based-understanding.js";

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const USAGE = `Usage: parcours <command> [options]

Commands:
  start                      run the configured platforms (the console chat when none is configured)
  chat                       chat with the bot in this terminal (also reads piped input, one message a line)
  survey create              create a team skill survey in this terminal, then answer it and see its results
  understand [--json]        read questions from standard input, one a line, and print what was understood
                             (tab-separated: intent, roles, locale, confidence, text; or one JSON object a line,
                             with a survey request's deadline and anonymity when they were said)
  ask "<question>" [--locale fr|en] [--json]
                             print one answer
  catalog check [dir]        validate a role catalogue (default: CATALOG_DIR)
  help                       show this help`;

/** A mistake in how the command was called: usage, exit code 2. */
class UsageError extends Error {}

type Command = (args: string[], io: CliIo, config: Config) => Promise<number>;

function parse(args: string[], options: NonNullable<ParseArgsConfig["options"]>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
}

async function withParcours(io: CliIo, config: Config, level: string, work: (p: Parcours, logger: Logger) => Promise<number>): Promise<number> {
  const logger = createLogger(level, io.stderr, config.USER_REF_SALT);
  const parcours = await createParcours(config, logger);
  try {
    return await work(parcours, logger);
  } finally {
    await parcours.close();
  }
}

/** In a terminal, logs below warnings would interleave with the conversation. */
const chatLogLevel = (io: CliIo, config: Config) => (io.env.LOG_LEVEL ? config.LOG_LEVEL : "warn");

/** The console's chart files, registered for erasure with the rest of the user's data. */
function consoleCharts(parcours: Parcours): ConsoleCharts {
  const charts = new ConsoleCharts();
  parcours.erasure.register("console charts", (subject) => charts.erase(subject));
  return charts;
}

const consoleChat = (parcours: Parcours, io: CliIo, config: Config, opening?: string) =>
  runConsoleChat({
    bot: parcours.bot,
    input: io.stdin,
    output: io.stdout,
    locale: config.DEFAULT_LOCALE,
    interactive: Boolean(io.stdin.isTTY),
    charts: consoleCharts(parcours),
    outbound: parcours.outbound,
    ...(opening ? { opening } : {}),
  });

/** What `parcours survey create` says for the user, in the configured language. */
const SURVEY_OPENING: Record<Locale, string> = { en: "start a team skills survey", fr: "lancer un sondage de compétences pour l'équipe" };

/** `parcours survey create`: the survey form in this terminal, then the chat goes on (answer it, see results). */
const survey: Command = async (args, io, config) => {
  const { positionals } = parse(args, {});
  if (positionals[0] !== "create" || positionals.length > 1) throw new UsageError('survey: the only subcommand is "create"');
  return withParcours(io, config, chatLogLevel(io, config), async (parcours) => {
    parcours.startWork();
    await consoleChat(parcours, io, config, SURVEY_OPENING[config.DEFAULT_LOCALE]);
    return 0;
  });
};

const chat: Command = async (args, io, config) => {
  parse(args, {});
  return withParcours(io, config, chatLogLevel(io, config), async (parcours) => {
    parcours.startWork();
    await consoleChat(parcours, io, config);
    return 0;
  });
};

const understand: Command = async (args, io, config) => {
  const { values } = parse(args, { json: { type: "boolean" } });
  const understanding = new RuleBasedUnderstanding(await loadCatalog(config.CATALOG_DIR));
  // A deadline typed in the terminal is in the terminal's zone.
  const timeZone = io.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
  for await (const line of createInterface({ input: io.stdin, terminal: false })) {
    if (!line.trim()) continue;
    const { text, intent, roles, locale, confidence, survey } = understanding.understand(line, { fallbackLocale: config.DEFAULT_LOCALE, timeZone });
    io.stdout.write(values.json ? `${JSON.stringify({ text, intent, roles, locale, confidence, ...(survey ? { survey } : {}) })}\n` : `${intent}\t${roles.join(",") || "-"}\t${locale}\t${confidence}\t${text}\n`);
  }
  return 0;
};

const ask: Command = async (args, io, config) => {
  const { values, positionals } = parse(args, { locale: { type: "string" }, json: { type: "boolean" } });
  const question = positionals.join(" ");
  if (!question.trim()) throw new UsageError('ask needs a question, for example: parcours ask "what does a Learning Architect do?"');
  const locale = values.locale as string | undefined;
  if (locale !== undefined && !(LOCALES as readonly string[]).includes(locale)) throw new UsageError(`--locale must be fr or en, not "${locale}"`);
  return withParcours(io, config, chatLogLevel(io, config), async ({ bot }) => {
    // A user of its own for each run: one `ask` must not resume another's assessment or context.
    const userId = `cli-${randomUUID()}`;
    const reply = await bot.handleMessage({ platform: "cli", userId, conversationId: userId, text: question, replyLocale: locale as Locale | undefined });
    if (reply) io.stdout.write(values.json ? `${JSON.stringify(reply)}\n` : `${toText(reply).text}\n`);
    return 0;
  });
};

const catalog: Command = async (args, io, config) => {
  const [sub, dir, ...rest] = parse(args, {}).positionals;
  if (sub !== "check" || rest.length > 0) throw new UsageError("catalog takes one subcommand: check [dir]");
  const loaded = await loadCatalog(dir ?? config.CATALOG_DIR);
  io.stdout.write(`Catalogue OK: ${loaded.size} roles, ${loaded.roles().reduce((n, r) => n + r.skills.length, 0)} skills.\n`);
  return 0;
};

/** The platforms with credentials, or the console chat when there are none. */
const start: Command = async (args, io, config) => {
  parse(args, {});
  const adapters = chooseAdapters(config);
  const withConsole = adapters.includes("console");
  return withParcours(io, config, withConsole ? chatLogLevel(io, config) : config.LOG_LEVEL, async (parcours, logger) => {
    const running = await startPlatforms(adapters, parcours, config, logger);
    parcours.startWork();
    const stopped = new Promise<void>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
    });
    if (withConsole) {
      await Promise.race([consoleChat(parcours, io, config), stopped]);
    } else {
      await stopped;
    }
    // Every adapter has waited for its answers in flight (a bounded time) before the stores close.
    await stopPlatforms(running, logger);
    return 0;
  });
};

const COMMANDS: Record<string, Command> = { start, chat, survey, understand, ask, catalog };

/** Runs one CLI command and returns its exit code; errors become clear messages, never stack traces. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command(args, io, loadConfig(io.env));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`parcours: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof CatalogError || error instanceof ConfigError || error instanceof DatabaseUrlError) {
      io.stderr.write(`parcours: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`parcours: unexpected error: ${(error as Error).message}\n`);
    return 1;
  }
}
