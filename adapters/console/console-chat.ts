import { createInterface } from "node:readline";
import type { Button, Reply } from "../../src/answers/reply.js";
import type { Locale } from "../../src/catalog/schema.js";
import type { ParcoursBot } from "../../src/conversation/parcours-bot.js";
import { messages } from "../../src/i18n/messages.js";
import type { OutboundPorts } from "../../src/outbound/outbound-ports.js";
import type { ConsoleCharts } from "./console-charts.js";
import { CONSOLE, ConsoleOutbound } from "./console-outbound.js";
import { CANCEL, ConsoleForm } from "./console-form.js";
import { formMessages } from "./form-messages.js";
import { pressedBy, toText } from "./render-text.js";
import { terminalWidth } from "./wrap-text.js";

export interface ConsoleChatOptions {
  /** Only what a person can do in a chat: write, and press buttons or submit forms. */
  bot: Pick<ParcoursBot, "handleMessage" | "handleAction">;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  locale: Locale;
  /** Prompts and the welcome line only make sense to a person at a terminal. */
  interactive: boolean;
  userId?: string;
  /** Where chart pictures are written; the chat prints each one's path. */
  charts: ConsoleCharts;
  /** Where the terminal registers itself as a platform the core can post to (survey cards, reminders). */
  outbound?: Pick<OutboundPorts, "register">;
  /** Said first, as if typed (`parcours survey create`). */
  opening?: string;
}

const QUIT = /^(?:quit|exit|bye|au revoir|quitter|\/q)$/i;

/**
 * The terminal adapter: one message a line, buttons shown as numbers the user can type (or, for a
 * button that has one, its word: a rating question keeps the numbers for its levels).
 * A reply's form is filled one field a line before anything else is read as a message.
 * Lines are handled one after another, so piped input is answered in order.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { bot, output, interactive } = options;
  const userId = options.userId ?? "console-user";
  // The terminal is the team's channel too: a survey started here is posted here.
  const speaker = { platform: CONSOLE, userId, conversationId: CONSOLE, place: { address: { platform: CONSOLE, conversationId: CONSOLE }, shared: true } };
  const m = messages(options.locale).console;
  const fm = formMessages(options.locale);
  let buttons: Button[] = [];
  /** Buttons shown since the user's last line, numbered on from one message to the next. */
  let shownThisTurn: Button[] = [];
  let form: ConsoleForm | undefined;
  const write = (text: string) => output.write(`${text}\n`);
  /** The chart files are written first, so that a reply's lines are printed together, in order. */
  const show = async (reply: Reply | undefined) => {
    if (!reply) return;
    const chartFiles = await Promise.all(reply.blocks.flatMap((block) => (block.type === "chart" ? [options.charts.save(speaker, block)] : [])));
    // Measured at each reply, so that a resized terminal gets lines of its new width.
    const rendered = toText(reply, shownThisTurn, terminalWidth(output));
    buttons = shownThisTurn = rendered.buttons;
    write(`${rendered.text}\n`);
    for (const file of chartFiles) write(`(PNG: ${file})\n`);
    form = rendered.form ? new ConsoleForm(rendered.form, fm) : undefined;
    if (form) write(form.opening());
  };
  /** A line typed while a form is open: an answer to its current field, or "cancel". */
  const fill = async (open: ConsoleForm, text: string) => {
    if (CANCEL.test(text)) {
      form = undefined;
      write(`${fm.cancelled}\n`);
      return;
    }
    const step = open.answer(text);
    if ("ask" in step) {
      write(step.ask);
      return;
    }
    form = undefined;
    await show(await bot.handleAction({ ...speaker, ...step.submit }));
  };

  options.outbound?.register(new ConsoleOutbound(userId, show));
  if (interactive) write(m.welcome);
  if (options.opening) await show(await bot.handleMessage({ ...speaker, text: options.opening }));
  const lines = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive });
  if (interactive) lines.setPrompt(m.prompt);
  if (interactive) lines.prompt();
  for await (const line of lines) {
    shownThisTurn = [];
    const text = line.trim();
    if (QUIT.test(text)) break;
    if (form) {
      await fill(form, text);
      if (interactive) lines.prompt();
      continue;
    }
    const pressed = pressedBy(text, buttons);
    await show(pressed
      ? await bot.handleAction({ ...speaker, actionId: pressed.actionId, value: pressed.value })
      : await bot.handleMessage({ ...speaker, text: line }));
    if (interactive) lines.prompt();
  }
  lines.close();
  if (interactive) write(m.bye);
}
