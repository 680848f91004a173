import type { Block, Reply } from "../../src/answers/reply.js";
import type { IncomingMessage } from "../../src/conversation/incoming.js";
import { userStateKey } from "../../src/privacy/user-erasure.js";
import type { StateStore } from "../../src/store/state-store.js";
import { testBot } from "../helpers.js";

/** One user talking to the core directly, as the assessment tests do. */
export const user = { platform: "test", userId: "U1", conversationId: "D1" };
export const flowKey = userStateKey(user, "flow");
/** The assessment in progress, as the flow engine keeps it. */
export const inProgress = async (state: StateStore) => (await state.get<{ state: unknown }>(flowKey))?.state;
export const text = (reply: Reply | undefined) => JSON.stringify(reply?.blocks ?? []);
export const buttons = (reply: Reply | undefined) => (reply?.blocks ?? []).flatMap((b) => (b.type === "buttons" ? b.buttons : []));
export const header = (reply: Reply | undefined) => (reply?.blocks.find((b) => b.type === "header") as Extract<Block, { type: "header" }> | undefined)?.text;
export const chartOf = (reply: Reply | undefined) => reply?.blocks.find((b): b is Extract<Block, { type: "chart" }> => b.type === "chart");
/** The rating button a user would press under a question. */
export const levelButton = (question: Reply | undefined, level: number) => {
  const button = buttons(question).find((b) => b.actionId === "assessment.rate" && b.label === String(level));
  if (!button) throw new Error(`no button ${level} under ${text(question)}`);
  return button;
};

/** A core, and `say` and `press` for the user. */
export async function started(options: Parameters<typeof testBot>[0] = {}) {
  const harness = await testBot(options);
  const say = (t: string, extra: Partial<IncomingMessage> = {}) => harness.bot.handleMessage({ ...user, text: t, ...extra });
  const press = (actionId: string, value: string) => harness.bot.handleAction({ ...user, actionId, value });
  return { ...harness, say, press };
}

/** Whether the reply says this sentence (the blocks are JSON, so the sentence is looked for as JSON too). */
export const says = (reply: Reply | undefined, sentence: string) => text(reply).includes(JSON.stringify(sentence).slice(1, -1));
