import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { consoleCharts } from "../adapters/console/console-charts.js";
import { runConsoleChat } from "../adapters/console/console-chat.js";
import { toText } from "../adapters/console/render-text.js";
import { terminalWidth } from "../adapters/console/wrap-text.js";
import { CatalogError, loadCatalog } from "../src/catalog/load-catalog.js";
import { LOCALES, type Locale } from "../src/catalog/schema.js";
import { ConfigError, loadConfig, type AdapterName, type Config } from "../src/config/config.js";
import { createLogger, type Logger } from "../src/logging/logger.js";
import { chooseAdapters } from "./choose-adapters.js";
import { startPlatforms, stopPlatforms } from "./start-platforms.js";
import { createParcours, type Parcours } from "../src/parcours.js";
import { DatabaseUrlError } from "../src/records/database.js";
import { StoreUnavailable } from "../src/records/store-unavailable.js";
import { RuleBasedUnderstanding } from "../src/understanding/rule-based-understanding.js";
import { MAX_FILE_BYTES, readAnnouncementFile } from "../src/announcements/announcement-file.js";
import { readFileBounded } from "./read-file-bounded.js";
import { registerPorts } from "./platform-ports.js";
import { PortUnavailable, serveHttp } from "./serve-http.js";

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const USAGE = `Usage: parcours <command> [options]

Commands:
  start                      run the configured platforms (the console chat when none is configured), and the
                             queued and scheduled work
  worker                     run only the queued and scheduled work (deliveries, reminders, closes), beside
                             processes that serve; SIGTERM finishes the work in flight and hands the rest back
  chat                       chat with the bot in this terminal (also reads piped input, one message a line)
  survey create              create a team skill survey in this terminal, then answer it and see its results
  announce --file <x.yaml> --as <platform:userId> [--yes]
                             check a programme announcement, show its preview and recipients per platform,
                             and with --yes (or a "y" typed in a terminal) send it, as that L&D staff member
  understand [--json]        read questions from standard input, one a line, and print what was understood
                             (tab-separated: intent, roles, locale, confidence, text; or one JSON object a line,
                             with a survey request's deadline and anonymity when they were said, and an
                             announcement request's channels, audience, mentions, date and message)
  ask "<question>" [--locale fr|en] [--json]
                             print one answer
  catalog check [dir]        validate a role catalogue and its cue phrases (default: CATALOG_DIR)
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

const consoleChat = (parcours: Parcours, io: CliIo, config: Config, opening?: string) =>
  runConsoleChat({
    bot: parcours.bot,
    input: io.stdin,
    output: io.stdout,
    locale: config.DEFAULT_LOCALE,
    interactive: Boolean(io.stdin.isTTY),
    charts: consoleCharts(parcours.erasure),
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
  // A deadline or a date typed in the terminal is in the terminal's zone.
  const timeZone = io.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
  for await (const line of createInterface({ input: io.stdin, terminal: false })) {
    if (!line.trim()) continue;
    const { text, intent, roles, locale, confidence, survey, announcement } = understanding.understand(line, { fallbackLocale: config.DEFAULT_LOCALE, timeZone });
    const details = { ...(survey ? { survey } : {}), ...(announcement ? { announcement } : {}) };
    io.stdout.write(values.json ? `${JSON.stringify({ text, intent, roles, locale, confidence, ...details })}\n` : `${intent}\t${roles.join(",") || "-"}\t${locale}\t${confidence}\t${text}\n`);
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
    // A user of its own for each run: one `ask` must not resume another's assessment or context. Nothing
    // can answer after it, so it is one-off: an assessment asked for is declined (`parcours chat` runs
    // one) rather than started and left in the store, and no context is kept for that user.
    const userId = `cli-${randomUUID()}`;
    const reply = await bot.handleMessage({ platform: "cli", userId, conversationId: userId, text: question, replyLocale: locale as Locale | undefined, oneOff: true });
    if (reply) io.stdout.write(values.json ? `${JSON.stringify(reply)}\n` : `${toText(reply, [], terminalWidth(io.stdout)).text}\n`);
    return 0;
  });
};

const catalog: Command = async (args, io, config) => {
  const [sub, dir, ...rest] = parse(args, {}).positionals;
  if (sub !== "check" || rest.length > 0) throw new UsageError("catalog takes one subcommand: check [dir]");
  const loaded = await loadCatalog(dir ?? config.CATALOG_DIR);
  const phrases = Object.values(loaded.cues.intents).reduce((n, groups) => n + (groups ?? []).reduce((m, group) => m + group.phrases.length, 0), 0);
  io.stdout.write(`Catalogue OK: ${loaded.size} roles, ${loaded.roles().reduce((n, r) => n + r.skills.length, 0)} skills, ${phrases} cue phrases.\n`);
  return 0;
};

/** The platforms with credentials, or the console chat when there are none. */
const start: Command = async (args, io, config) => {
  parse(args, {});
  const adapters = chooseAdapters(config);
  const withConsole = adapters.includes("console");
  return withParcours(io, config, withConsole ? chatLogLevel(io, config) : config.LOG_LEVEL, async (parcours, logger) => {
    // The console chat is a terminal session: nothing to serve to a network.
    const server = withConsole ? undefined : await serveHttp(parcours, config, logger, emulatorOnly(adapters, config));
    try {
      const running = server ? await startPlatforms(adapters, parcours, config, logger, server.http) : [];
      parcours.startWork();
      server?.started();
      const stopped = untilStopped(logger);
      if (withConsole) {
        await Promise.race([consoleChat(parcours, io, config), stopped]);
      } else {
        await stopped;
      }
      // No new requests; then every adapter waits for its answers in flight (a bounded time) before the stores close.
      await server?.stop();
      await stopPlatforms(running, logger);
      return 0;
    } finally {
      await server?.stop();
    }
  });
};

/**
 * `parcours announce --file x.yaml --as slack:U0123`: the file checked (each problem naming its
 * field), the preview and the count of recipients per platform printed, then, confirmed, sent by
 * this process alongside any running ones, or left scheduled for them when it has a send time.
 */
const announce: Command = async (args, io, config) => {
  const { values } = parse(args, { file: { type: "string" }, as: { type: "string" }, yes: { type: "boolean" } });
  const file = typeof values.file === "string" ? values.file : undefined;
  if (!file) throw new UsageError("announce needs --file <announcement.yaml>");
  const as = typeof values.as === "string" ? values.as : "";
  const author = /^(slack|teams|console):(.+)$/.exec(as);
  if (!author) throw new UsageError("announce needs --as <platform:userId>, the L&D staff member it is sent as (e.g. slack:U0123ABC)");
  let text: string;
  try {
    text = await readFileBounded(file, MAX_FILE_BYTES);
  } catch (error) {
    io.stderr.write(`parcours: ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const draft = readAnnouncementFile(text, new Date());
  if (!draft.ok) {
    io.stderr.write(`parcours: ${file} is not a valid announcement:\n${draft.problems.map((p) => `  ${p}`).join("\n")}\n`);
    return 1;
  }
  const adapters = chooseAdapters(config);
  return withParcours(io, config, adapters.includes("console") ? chatLogLevel(io, config) : config.LOG_LEVEL, async (parcours, logger) => {
    const subject = { platform: author[1]!, userId: author[2]! };
    await registerPorts(adapters, parcours, config, logger, (reply) => io.stdout.write(`${toText(reply, [], terminalWidth(io.stdout)).text}\n`));
    const announcements = parcours.bot.announcements;
    if (!(await announcements.mayAnnounce(subject))) {
      io.stderr.write(`parcours: ${as} is not L&D staff: list it in LND_ADMINS to announce as them\n`);
      return 1;
    }
    const { reply, announcement } = await announcements.prepare(subject, draft, config.DEFAULT_LOCALE);
    io.stdout.write(`${toText(reply, [], terminalWidth(io.stdout)).text}\n`);
    if (!announcement) return 1;
    if (!values.yes && !(await confirmed(io))) {
      io.stdout.write("Not sent. Run again with --yes to send it.\n");
      return 0;
    }
    io.stdout.write(`${toText(await announcements.confirm(subject, announcement, config.DEFAULT_LOCALE), [], terminalWidth(io.stdout)).text}\n`);
    if (announcement.sendAt) return 0;
    parcours.startWork();
    const report = await announcements.finished(announcement.id);
    io.stdout.write(`${toText(report, [], terminalWidth(io.stdout)).text}\n`);
    return 0;
  });
};

/** A "y" typed in a terminal; piped input never confirms on its own. */
async function confirmed(io: CliIo): Promise<boolean> {
  if (!io.stdin.isTTY) return false;
  io.stdout.write("Send it? [y/N] ");
  for await (const line of createInterface({ input: io.stdin, terminal: false })) return /^y(?:es)?$|^o(?:ui)?$/i.test(line.trim());
  return false;
}

/** Teams without authentication is a local emulator's: the server then listens on loopback only. */
const emulatorOnly = (adapters: AdapterName[], config: Config) => adapters.includes("teams") && !config.MICROSOFT_APP_ID;

/**
 * `parcours worker`: only the queued and scheduled work (deliveries, reminders, closes), beside
 * processes that serve; it posts through the platforms' outbound ports, and serves only health
 * and metrics on PORT.
 */
const worker: Command = async (args, io, config) => {
  parse(args, {});
  const platforms = chooseAdapters(config).filter((name) => name !== "console");
  return withParcours(io, config, config.LOG_LEVEL, async (parcours, logger) => {
    const server = await serveHttp(parcours, config, logger, false);
    try {
      await registerPorts(platforms, parcours, config, logger, () => undefined);
      parcours.startWork();
      server.started();
      logger.info({ platforms }, "worker running");
      await untilStopped(logger);
      return 0;
    } finally {
      await server.stop();
    }
  });
};

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * The first SIGINT or SIGTERM stops taking new work: the caller then lets the work in flight
 * finish within a bound, hands back what is left and closes the stores. A second one exits at once.
 */
function untilStopped(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    // Signal listeners keep nothing alive; a worker whose job timers are unref'd would end at once without this.
    const alive = setInterval(() => undefined, 2 ** 30);
    const stop = (signal: NodeJS.Signals) => {
      clearInterval(alive);
      for (const name of SIGNALS) process.off(name, stop);
      for (const name of SIGNALS) process.once(name, () => process.exit(1));
      logger.info({ signal }, "stopping: finishing the work in flight (a second signal exits at once)");
      resolve();
    };
    for (const name of SIGNALS) process.once(name, stop);
  });
}

const COMMANDS: Record<string, Command> = { start, worker, chat, survey, understand, ask, catalog, announce };

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
    if (error instanceof CatalogError || error instanceof ConfigError || error instanceof DatabaseUrlError || error instanceof StoreUnavailable || error instanceof PortUnavailable) {
      io.stderr.write(`parcours: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`parcours: unexpected error: ${(error as Error).message}\n`);
    return 1;
  }
}
