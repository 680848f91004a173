import { webApi } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FORM_CALLBACK_ID, MODAL_LIMITS, toModal } from "../../../adapters/slack/form-modal.js";
import { FORM_OPEN_ACTION, toBlockKit } from "../../../adapters/slack/to-block-kit.js";
import { formSubmissionSchema, reply, type FormBlock, type Reply } from "../../../src/answers/reply.js";
import type { IncomingAction } from "../../../src/conversation/incoming.js";
import { messages } from "../../../src/i18n/messages.js";
import { blockKitProblems, modalProblems } from "./block-kit-limits.js";
import type { RecordedCall } from "./fake-slack-api.js";
import { seenButtons, seenText, type SeenButton } from "./seen-message.js";
import { BOT_TOKEN, directMessage, fixture, mention, nextIds, SlackHarness, type Fixture } from "./slack-harness.js";

type Json = Record<string, any>;

const GOAL_FORM: FormBlock = {
  type: "form",
  title: "Your learning goal",
  fields: [
    { kind: "text", id: "goal", label: "What do you want to learn?", maxLength: 200, value: "Design learning paths" },
    { kind: "number", id: "hours", label: "Hours a month", min: 1, max: 40, value: 6 },
    { kind: "date", id: "deadline", label: "By when?", value: "2025-06-30" },
    {
      kind: "choice",
      id: "role",
      label: "Target role",
      options: [
        { label: "Learning Architect", value: "learning-architect" },
        { label: "Digital Learning Manager", value: "digital-learning-manager" },
      ],
      value: "digital-learning-manager",
    },
    {
      kind: "choices",
      id: "formats",
      label: "Formats you like",
      options: [
        { label: "Workshop", value: "workshop" },
        { label: "E-learning", value: "e-learning" },
        { label: "Mentoring", value: "mentoring" },
      ],
      values: ["mentoring"],
    },
    { kind: "text", id: "note", label: "Anything else?", maxLength: 500, optional: true },
  ],
  submit: { label: "Save my goal", actionId: "goal.save", value: "plan-2025" },
};

/** A submit value whose JSON is longer than a modal's private_metadata can hold. */
const LONG_CONTEXT = '"'.repeat(2000);

const formReply = (form: FormBlock): Reply => reply([{ type: "text", text: "Let us set a goal together." }, form]);

/**
 * A small core over the real one: two questions answer with a form, and the form's submit action
 * is answered with what arrived; everything else goes to Parcours. Every action is recorded.
 */
const actions: IncomingAction[] = [];
const harness = new SlackHarness();
beforeAll(() =>
  harness
    .start({
      adapt: (bot) => {
        const handleMessage = bot.handleMessage.bind(bot);
        const handleAction = bot.handleAction.bind(bot);
        bot.handleMessage = async (message) => {
          if (message.text.endsWith("plan my learning")) return formReply(GOAL_FORM);
          if (message.text.endsWith("plan with a long context")) return formReply({ ...GOAL_FORM, submit: { ...GOAL_FORM.submit, value: LONG_CONTEXT } });
          return handleMessage(message);
        };
        bot.handleAction = async (action) => {
          actions.push(action);
          if (action.actionId !== GOAL_FORM.submit.actionId) return handleAction(action);
          const { fields } = formSubmissionSchema.parse(JSON.parse(action.value));
          return reply([{ type: "text", text: `Goal saved: ${String(fields.goal)}` }]);
        };
      },
    })
    .then(() => undefined),
);
afterAll(() => harness.stop());
afterEach(() => harness.running.settled());

/** Sends one request and answers its HTTP answer and every call the adapter made for it. */
async function deliver(send: () => Promise<Response>, until?: string): Promise<{ status: number; body: string; calls: RecordedCall[] }> {
  const before = harness.fake.calls.length;
  const response = await send();
  const body = await response.text();
  if (until) await harness.fake.waitFor(until, 1, before);
  await harness.running.settled();
  return { status: response.status, body, calls: harness.fake.calls.slice(before) };
}

const only = (calls: RecordedCall[], method: string) => calls.filter((c) => c.method === method);

/** The form's button in what the adapter posted. */
function formButton(posted: Json): SeenButton {
  const [button, ...more] = seenButtons(posted).filter((b) => b.actionId === FORM_OPEN_ACTION);
  expect(more).toEqual([]);
  return button!;
}

interface PressedAt {
  channel?: string;
  threadTs?: string;
  ephemeralResponseUrl?: string;
  homeTab?: boolean;
}

/** A press of the form's button as Slack sends it, where the message was shown. */
function formPress(button: SeenButton, at: PressedAt): Fixture {
  const payload = at.homeTab ? fixture("block-actions-home") : fixture("block-actions-form");
  payload.trigger_id = nextIds().trigger;
  payload.actions[0] = { ...payload.actions[0], action_id: button.slackActionId, value: button.value, text: { type: "plain_text", text: button.label, emoji: true } };
  if (at.homeTab) return payload;
  payload.container.channel_id = at.channel;
  payload.channel.id = at.channel;
  if (at.threadTs) payload.container.thread_ts = at.threadTs;
  else delete payload.container.thread_ts;
  if (at.ephemeralResponseUrl) {
    // An ephemeral message's press names no message, and brings its own response_url.
    payload.container.is_ephemeral = true;
    payload.response_url = at.ephemeralResponseUrl;
    delete payload.message;
  }
  return payload;
}

/** A view_submission of the modal views.open was given, with the fixture's values typed in. */
function submission(opened: Json, change: (payload: Fixture) => void = () => undefined): Fixture {
  const payload = fixture("view-submission");
  payload.trigger_id = nextIds().trigger;
  payload.view.id = `V0MODAL${nextIds().eventId}`;
  payload.view.private_metadata = opened.private_metadata;
  payload.view.callback_id = opened.callback_id;
  payload.view.blocks = opened.blocks;
  change(payload);
  return payload;
}

/** The fixture's typed values, as the core must read them. */
const SUBMITTED_FIELDS = {
  goal: "Design blended learning paths",
  hours: "12",
  deadline: "2025-09-30",
  role: "learning-architect",
  formats: ["workshop", "e-learning"],
  note: "",
};

/** Asks for the form, presses its button, and answers the modal views.open was given. */
async function openedForm(ask: () => Promise<Response>, at: (posted: RecordedCall) => PressedAt): Promise<{ view: Json; press: RecordedCall[] }> {
  const asked = await deliver(ask);
  const [posted] = asked.calls.filter((c) => c.method === "chat.postMessage" || c.method === "response_url");
  const press = await deliver(() => harness.sendInteraction(formPress(formButton(posted!.args), at(posted!))), "views.open");
  return { view: only(press.calls, "views.open")[0]!.args.view, press: press.calls };
}

/** The keys KeptForms would give: by block, as the reply holds it. */
const keysOf = (withForm: Reply) => new Map(withForm.blocks.filter((b): b is FormBlock => b.type === "form").map((b) => [b, "0b8f3c2e-6a1d-4e5f-9a7b-1c2d3e4f5a6b"]));

describe("a form in a message", () => {
  it("renders as its title and one primary button carrying the form's key", () => {
    const withForm = formReply(GOAL_FORM);
    const [message] = toBlockKit(withForm, keysOf(withForm));
    const blocks = message!.blocks as Json[];
    expect(blocks.map((b) => b.type)).toEqual(["section", "section", "actions"]);
    expect(blocks[1]!.text.text).toBe("*Your learning goal*");
    expect(blocks[2]!.elements).toEqual([
      { type: "button", text: { type: "plain_text", text: "Save my goal", emoji: true }, action_id: `${FORM_OPEN_ACTION}:0`, value: "0b8f3c2e-6a1d-4e5f-9a7b-1c2d3e4f5a6b", style: "primary" },
    ]);
    expect(blockKitProblems(blocks)).toEqual([]);
  });

  it("stays within Block Kit's limits with a long title and label, and shows the title alone when the form is not kept", () => {
    const long: FormBlock = { ...GOAL_FORM, title: "objectif ".repeat(600), submit: { ...GOAL_FORM.submit, label: "Enregistrer ".repeat(10) } };
    const withLong = reply([long]);
    const [kept] = toBlockKit(withLong, keysOf(withLong));
    expect(blockKitProblems(kept!.blocks)).toEqual([]);
    expect((kept!.blocks as Json[]).filter((b) => b.type === "section").length).toBeGreaterThan(1);
    expect(seenButtons(kept!)).toHaveLength(1);
    const [unkept] = toBlockKit(reply([long]));
    expect(seenButtons(unkept!)).toEqual([]);
    expect(blockKitProblems(unkept!.blocks)).toEqual([]);
  });

  it("is posted within limits, and pressing its button opens the modal at once, with an input per field and its initial value", async () => {
    const before = actions.length;
    const { view, press } = await openedForm(
      () => harness.sendEvent(mention("plan my learning")),
      (posted) => ({ channel: posted.args.channel, threadTs: posted.args.thread_ts }),
    );
    // The press opened the modal, and neither reached the core nor posted anything.
    expect(press.map((c) => c.method)).toEqual(["views.open"]);
    expect(actions.slice(before)).toEqual([]);
    expect(modalProblems(view)).toEqual([]);
    expect(view).toMatchObject({ type: "modal", callback_id: FORM_CALLBACK_ID, title: { type: "plain_text", text: "Your learning goal" }, submit: { type: "plain_text", text: "Save my goal" } });
    const inputs = view.blocks as Json[];
    expect(inputs.map((b) => [b.block_id, b.element.type, b.optional ?? false])).toEqual([
      ["goal", "plain_text_input", false],
      ["hours", "number_input", false],
      ["deadline", "datepicker", false],
      ["role", "static_select", false],
      ["formats", "multi_static_select", false],
      ["note", "plain_text_input", true],
    ]);
    expect(inputs[0]!.label.text).toBe("What do you want to learn?");
    expect(inputs[0]!.element).toMatchObject({ action_id: "goal", max_length: 200, initial_value: "Design learning paths" });
    expect(inputs[1]!.element).toEqual({ type: "number_input", action_id: "hours", is_decimal_allowed: false, min_value: "1", max_value: "40", initial_value: "6" });
    expect(inputs[2]!.element).toEqual({ type: "datepicker", action_id: "deadline", initial_date: "2025-06-30" });
    expect(inputs[3]!.element.initial_option).toEqual({ text: { type: "plain_text", text: "Digital Learning Manager", emoji: true }, value: "digital-learning-manager" });
    expect(inputs[4]!.element.initial_options).toEqual([{ text: { type: "plain_text", text: "Mentoring", emoji: true }, value: "mentoring" }]);
    expect(inputs[5]!.element.initial_value).toBeUndefined();
    expect(JSON.parse(view.private_metadata)).toEqual({ submit: { actionId: "goal.save", value: "plan-2025" }, answerTo: { channel: "C0GENERAL", threadTs: expect.any(String) } });
  });

  it("keeps the modal within Slack's limits whatever the form", () => {
    const options = Array.from({ length: 120 }, (_, i) => ({ label: `Option ${i} ${"x".repeat(90)}`, value: i === 0 ? "v".repeat(151) : `option-${i}` }));
    const huge: FormBlock = {
      type: "form",
      title: "A very long title for a form that Slack would refuse",
      fields: [
        { kind: "choice", id: "pick", label: "L".repeat(2500), options, value: "v".repeat(151) },
        { kind: "date", id: "day", label: "Day", value: "2025-02-30" },
        { kind: "number", id: "count", label: "Count", min: 1, max: 5, value: 9 },
        { kind: "text", id: "essay", label: "Essay", maxLength: 10_000, value: "w".repeat(4000) },
        ...Array.from({ length: 110 }, (_, i) => ({ kind: "text" as const, id: `extra${i}`, label: `Extra ${i}` })),
      ],
      submit: { label: "Send everything I wrote today", actionId: "goal.save", value: "x" },
    };
    const view = toModal(huge, "0b8f3c2e-6a1d-4e5f-9a7b-1c2d3e4f5a6b", { channel: "C0GENERAL" });
    expect(modalProblems(view as unknown as Json)).toEqual([]);
    expect(view.blocks).toHaveLength(MODAL_LIMITS.blocks);
    const [heading, pick, day, count, essay] = view.blocks as Json[];
    // The whole title above the fields, since the modal's own is cut at 24 characters.
    expect(heading!.text.text).toBe(`*${huge.title}*`);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(pick!.element.options).toHaveLength(100);
    expect(pick!.element.options.some((o: Json) => o.value.length > 150)).toBe(false);
    expect(pick!.element.initial_option).toBeUndefined();
    expect(day!.element.initial_date).toBeUndefined();
    expect(count!.element.initial_value).toBeUndefined();
    expect(essay!.element).toMatchObject({ max_length: 3000, multiline: true });
    expect(essay!.element.initial_value).toHaveLength(3000);
  });

  it("is refused by the fake Slack as Slack refuses it: a title over 24 characters, more than 100 blocks", async () => {
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: harness.fake.apiUrl, retryConfig: { retries: 0 } });
    const section = { type: "section", text: { type: "mrkdwn", text: "x" } } as const;
    const open = (title: string, blocks: number) => client.views.open({ trigger_id: nextIds().trigger, view: { type: "modal", title: { type: "plain_text", text: title }, blocks: Array(blocks).fill(section) } });
    await expect(open("t".repeat(25), 1)).rejects.toThrow(/invalid_arguments/);
    await expect(open("Fine", 101)).rejects.toThrow(/invalid_arguments/);
    await expect(open("Fine", 100)).resolves.toMatchObject({ ok: true });
  });
});

describe("a submitted form", () => {
  it("closes the modal, reaches the core as the submit action with a FormSubmission, and is answered in the thread it was opened from", async () => {
    const { view } = await openedForm(
      () => harness.sendEvent(mention("plan my learning")),
      (posted) => ({ channel: posted.args.channel, threadTs: posted.args.thread_ts }),
    );
    const { threadTs } = JSON.parse(view.private_metadata).answerTo;
    const before = actions.length;
    const { status, body, calls } = await deliver(() => harness.sendInteraction(submission(view)), "chat.postMessage");
    expect(status).toBe(200);
    // An empty acknowledgement closes the modal.
    expect(body).toBe("");
    const arrived = actions.slice(before);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toMatchObject({ platform: "slack", userId: "U0ALICE01", actionId: "goal.save", conversationId: `C0GENERAL:${threadTs}` });
    expect(JSON.parse(arrived[0]!.value)).toEqual({ context: "plan-2025", fields: SUBMITTED_FIELDS });
    const [answer, ...more] = only(calls, "chat.postMessage");
    expect(more).toEqual([]);
    expect(answer!.args).toMatchObject({ channel: "C0GENERAL", thread_ts: threadTs });
    expect(seenText(answer!.args)).toContain("Goal saved: Design blended learning paths");
  });

  it("answers a form opened from a DM in the DM, and one opened from the Home tab in the user's DM", async () => {
    const fromDm = await openedForm(
      () => harness.sendEvent(directMessage("plan my learning")),
      (posted) => ({ channel: posted.args.channel }),
    );
    const inDm = await deliver(() => harness.sendInteraction(submission(fromDm.view)), "chat.postMessage");
    expect(only(inDm.calls, "chat.postMessage").map((c) => [c.args.channel, c.args.thread_ts])).toEqual([["D0ALICE01", undefined]]);

    const fromHome = await openedForm(
      () => harness.sendEvent(directMessage("plan my learning")),
      () => ({ homeTab: true }),
    );
    expect(JSON.parse(fromHome.view.private_metadata).answerTo).toEqual({});
    const home = await deliver(() => harness.sendInteraction(submission(fromHome.view)), "chat.postMessage");
    expect(only(home.calls, "chat.postMessage").map((c) => c.args.channel)).toEqual(["D0ALICE01"]);
  });

  it("answers a form opened from an ephemeral answer to /parcours through that message's response_url", async () => {
    const responseUrl = harness.fake.responseUrl(`form-press-${nextIds().eventId}`);
    const { view } = await openedForm(
      () => harness.sendCommand({ ...fixture("slash-command"), text: "plan my learning", trigger_id: nextIds().trigger, response_url: harness.fake.responseUrl("form-command") }),
      () => ({ channel: "C0GENERAL", ephemeralResponseUrl: responseUrl }),
    );
    const { calls } = await deliver(() => harness.sendInteraction(submission(view)), "response_url");
    const [answer] = only(calls, "response_url");
    expect(answer!.path).toBe(new URL(responseUrl).pathname);
    expect(answer!.args.response_type).toBe("ephemeral");
    expect(seenText(answer!.args)).toContain("Goal saved");
    expect(only(calls, "chat.postMessage")).toEqual([]);
  });

  it("brings back a context too long for the modal's metadata whole, from the kept form", async () => {
    const { view } = await openedForm(
      () => harness.sendEvent(directMessage("plan with a long context")),
      (posted) => ({ channel: posted.args.channel }),
    );
    expect(view.private_metadata.length).toBeLessThanOrEqual(MODAL_LIMITS.privateMetadata);
    const before = actions.length;
    await deliver(() => harness.sendInteraction(submission(view)), "chat.postMessage");
    expect(JSON.parse(actions[before]!.value).context).toBe(LONG_CONTEXT);
  });

  it("answers the press of a form no longer kept as a button Parcours no longer knows", async () => {
    const stale = { label: "Save my goal", actionId: FORM_OPEN_ACTION, value: "0b8f3c2e-6a1d-4e5f-9a7b-1c2d3e4f5a6b", slackActionId: `${FORM_OPEN_ACTION}:0` };
    const { calls } = await deliver(() => harness.sendInteraction(formPress(stale, { channel: "D0ALICE01" })), "chat.postMessage");
    expect(only(calls, "views.open")).toEqual([]);
    expect(seenText(only(calls, "chat.postMessage")[0]!.args)).toContain(messages("en").unknownAction);
  });
});

describe("a malformed submission", () => {
  it.each<[string, (payload: Fixture) => void]>([
    ["a number given as a number", (p) => (p.view.state.values.hours.hours.value = 12)],
    ["no view id", (p) => delete p.view.id],
    ["no state", (p) => delete p.view.state],
    ["metadata that is not a Parcours form's", (p) => (p.view.private_metadata = "{not json")],
    ["metadata without its submit action", (p) => (p.view.private_metadata = JSON.stringify({ answerTo: { channel: "C0GENERAL" } }))],
  ])("is refused with a 400 and reaches nobody: %s", async (_name, change) => {
    const before = actions.length;
    const { status, calls } = await deliver(() => harness.sendInteraction(submission(fixture("view-submission").view, change)));
    expect(status).toBe(400);
    expect(calls).toEqual([]);
    expect(actions.length).toBe(before);
  });

  it("lets another view's submission through unchecked metadata, to nobody", async () => {
    const before = actions.length;
    const { status, calls } = await deliver(() =>
      harness.sendInteraction(submission(fixture("view-submission").view, (p) => Object.assign(p.view, { callback_id: "someone_else", private_metadata: "" }))),
    );
    expect(status).toBe(200);
    expect(calls).toEqual([]);
    expect(actions.length).toBe(before);
  });
});
