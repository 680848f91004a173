import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../../src/i18n/messages.js";
import { openDatabase } from "../../../src/records/database.js";
import { MemoryStateStore } from "../../../src/store/memory-state.js";
import { shippedCatalog } from "../../helpers.js";
import { FAKE_BOT_ID, FAKE_BOT_USER } from "./fake-slack-api.js";
import { seenButtons, seenText } from "./seen-message.js";
import { buttonPress, directMessage, fixture, nextIds, SIGNING_SECRET, SlackHarness } from "./slack-harness.js";
import { postSigned, slackSignature } from "./slack-signature.js";

const harness = new SlackHarness();
beforeAll(() => harness.start().then(() => undefined));
afterAll(() => harness.stop());
afterEach(() => harness.running.settled());

/** Everything the adapter did for one request: the Slack HTTP response, then the calls it made. */
async function deliver(send: () => Promise<Response>) {
  const before = harness.fake.calls.length;
  const response = await send();
  await harness.running.settled();
  return { status: response.status, calls: harness.fake.calls.slice(before) };
}

describe("Slack requests that must not reach Parcours", () => {
  it("answers 401 to a wrong signature, and runs no handler", async () => {
    const body = JSON.stringify(directMessage("what does a Learning Architect do?"));
    const { status, calls } = await deliver(() =>
      postSigned(harness.eventsUrl, { secret: SIGNING_SECRET, body, contentType: "application/json", signature: slackSignature("not-the-secret-at-all", Math.floor(Date.now() / 1000), body) }),
    );
    expect(status).toBe(401);
    expect(calls).toEqual([]);
  });

  it("answers 401 to a correctly signed request whose timestamp is more than 5 minutes old", async () => {
    const { status, calls } = await deliver(() => harness.sendEvent(directMessage("what does a Learning Architect do?"), {}, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(status).toBe(401);
    expect(calls).toEqual([]);
  });

  it("answers 400 to a signed body that is not JSON", async () => {
    const { status, calls } = await deliver(() => postSigned(harness.eventsUrl, { secret: SIGNING_SECRET, body: '{"type":"event_callback",', contentType: "application/json" }));
    expect(status).toBe(400);
    expect(calls).toEqual([]);
  });

  it("ignores messages from bots, from itself and edits, and still answers a person afterwards", async () => {
    const ignored = [
      directMessage("list the roles", { event: { bot_id: "B0OTHER01", user: "U0OTHERBOT" } }),
      directMessage("list the roles", { event: { subtype: "bot_message", bot_id: "B0OTHER01", user: undefined } }),
      directMessage("list the roles", { user: FAKE_BOT_USER, event: { bot_id: FAKE_BOT_ID } }),
      directMessage("list the roles", { event: { subtype: "message_changed" } }),
      directMessage("list the roles", { event: { subtype: "message_deleted" } }),
    ];
    for (const event of ignored) {
      const { status, calls } = await deliver(() => harness.sendEvent(event));
      expect(status).toBe(200);
      expect(calls.filter((c) => c.method === "chat.postMessage")).toEqual([]);
    }
    const { calls } = await deliver(() => harness.sendEvent(directMessage("list the roles")));
    expect(calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
  });

  it("acknowledges the URL verification handshake with its challenge", async () => {
    const response = await postSigned(harness.eventsUrl, { secret: SIGNING_SECRET, body: JSON.stringify({ token: "x", challenge: "fake-challenge-123", type: "url_verification" }), contentType: "application/json" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: "fake-challenge-123" });
  });
});

describe("messages and mentions", () => {
  it("answers a DM in the DM, with blocks and a fallback text", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const { calls } = await deliver(() => harness.sendEvent(directMessage("what does a Learning Architect do?")));
    const posts = calls.filter((c) => c.method === "chat.postMessage");
    expect(posts).toHaveLength(1);
    const { args } = posts[0]!;
    expect(args.channel).toBe("D0ALICE01");
    expect(args.thread_ts).toBeUndefined();
    expect(args.text).toEqual(expect.any(String));
    expect(args.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: role.names.en, emoji: true } });
    expect(seenText(args)).toContain(role.missions[0]!.text.en);
  });

  it("answers a mention in a channel in the thread of the mention, without the mention in the question", async () => {
    const role = (await shippedCatalog()).get("digital-learning-manager");
    const body = fixture("app-mention");
    body.event_id = nextIds().eventId;
    const { calls } = await deliver(() => harness.sendEvent(body));
    const [post, ...more] = calls.filter((c) => c.method === "chat.postMessage");
    expect(more).toEqual([]);
    expect(post!.args.channel).toBe("C0GENERAL");
    expect(post!.args.thread_ts).toBe(body.event.ts);
    expect(seenText(post!.args)).toContain(role.skills[0]!.name.en);
  });

  it("answers a mention inside a thread in that thread", async () => {
    const body = fixture("app-mention");
    body.event_id = nextIds().eventId;
    body.event.ts = "1718000500.000900";
    body.event.thread_ts = "1718000400.000800";
    const { calls } = await deliver(() => harness.sendEvent(body));
    expect(calls.find((c) => c.method === "chat.postMessage")!.args.thread_ts).toBe("1718000400.000800");
  });

  it.each([
    ["a file shared with a question (file_share)", { subtype: "file_share", files: [{ id: "F0FAKE0001", name: "cv.pdf" }] }],
    ["a thread reply also sent to the conversation (thread_broadcast)", { subtype: "thread_broadcast", thread_ts: "1718000400.000800" }],
  ])("answers %s in a DM", async (_name, event) => {
    const { calls } = await deliver(() => harness.sendEvent(directMessage("what does a Learning Architect do?", { event })));
    const posts = calls.filter((c) => c.method === "chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.channel).toBe("D0ALICE01");
    expect(posts[0]!.args.thread_ts).toBe(event.thread_ts);
  });

  it("posts exactly one reply when two processes sharing a store receive the same event", async () => {
    const shared = { state: new MemoryStateStore(), database: await openDatabase("memory://") };
    const [a, b] = [new SlackHarness(shared), new SlackHarness(shared)];
    await a.start();
    await b.start({ apiUrl: a.fake.apiUrl });
    try {
      const event = directMessage("what is a DLM?");
      await Promise.all([a.sendEvent(event), b.sendEvent(event, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" })]);
      await a.fake.waitFor("chat.postMessage");
      await Promise.all([a.running.settled(), b.running.settled()]);
      expect(a.fake.callsTo("chat.postMessage")).toHaveLength(1);
    } finally {
      await b.running.stop();
      await a.stop();
      await shared.database.close();
    }
  });
});

/** A harness whose core holds every message and action back until `release()`. */
async function heldBack(options: { drainMs?: number; logLevel?: string } = {}) {
  const held = new SlackHarness();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = 0;
  await held.start({
    ...options,
    adapt: (bot) => {
      const [handleMessage, handleAction] = [bot.handleMessage.bind(bot), bot.handleAction.bind(bot)];
      bot.handleMessage = async (message) => (started++, await gate, handleMessage(message));
      bot.handleAction = async (action) => (started++, await gate, handleAction(action));
    },
  });
  const answerStarted = async () => {
    for (let i = 0; i < 200 && started === 0; i++) await new Promise((r) => setTimeout(r, 5));
    return started;
  };
  return { held, release, answerStarted };
}

/**
 * Slack shows the user an error when a request is not acknowledged within 3 seconds; an
 * acknowledgement that waited for the held-back answer would never come at all.
 * https://docs.slack.dev/interactivity/handling-user-interaction#acknowledgment_response
 */
async function acknowledged(request: Promise<Response>): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("not acknowledged within Slack's 3 seconds")), 3_000)));
  try {
    return await Promise.race([request, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

describe("acknowledgement", () => {
  it("answers an event's request once its answer is delivered, so that a process dying before leaves the event to Slack's retries", async () => {
    const { held, release, answerStarted } = await heldBack();
    try {
      let answeredAt: number | undefined;
      const request = held.sendEvent(directMessage("what does a Learning Architect do?")).then((response) => {
        answeredAt = held.fake.calls.length;
        return response;
      });
      expect(await answerStarted()).toBe(1);
      expect(answeredAt).toBeUndefined();
      release();
      const response = await request;
      expect(response.status).toBe(200);
      const [posted] = await held.fake.waitFor("chat.postMessage");
      expect(held.fake.calls.indexOf(posted!)).toBeLessThan(answeredAt!);
    } finally {
      release();
      await held.stop();
    }
  });

  it.each([
    ["/parcours", (h: SlackHarness) => h.sendCommand({ ...fixture("slash-command"), text: "what does a Learning Architect do?", trigger_id: nextIds().trigger, response_url: h.fake.responseUrl("held") }), "response_url"],
    ["a button press", (h: SlackHarness) => h.sendInteraction(buttonPress({ label: "Skills", actionId: "role.skills", slackActionId: "role.skills:0", value: "learning-architect" })), "chat.postMessage"],
  ])("acknowledges %s with a 200 while its answer is held back, then delivers the answer", async (_name, send, delivery) => {
    const { held, release, answerStarted } = await heldBack();
    try {
      const response = await acknowledged(send(held));
      expect(response.status).toBe(200);
      expect(await answerStarted()).toBe(1);
      expect(held.fake.callsTo(delivery)).toEqual([]);
      release();
      await held.fake.waitFor(delivery);
    } finally {
      release();
      await held.stop();
    }
  });
});

describe("stopping", () => {
  it("waits a bounded time for answers in flight and logs how many it abandoned", async () => {
    const { held, release, answerStarted } = await heldBack({ drainMs: 50, logLevel: "info" });
    // Cut off unanswered when the process stops: Slack delivers it again, to a process that lives.
    const request = held.sendEvent(directMessage("what does a Learning Architect do?")).catch(() => undefined);
    try {
      expect(await answerStarted()).toBe(1);
      await held.running.stop();
      const abandoned = held.logs.chunks.map((line) => JSON.parse(line)).find((entry) => entry.msg === "stopped with answers still in flight");
      expect(abandoned).toEqual(expect.objectContaining({ adapter: "slack", abandoned: 1, level: 40 }));
    } finally {
      release();
      expect(await request).toBeUndefined();
      await held.fake.stop();
    }
  });
});

describe("/parcours", () => {
  const command = (text: string) => ({ ...fixture("slash-command"), text, trigger_id: nextIds().trigger, response_url: harness.fake.responseUrl(`command-${text.length}`) });

  it("acknowledges at once with an empty 200 and answers help on the response_url, seen by the user only", async () => {
    const before = harness.fake.calls.length;
    const response = await harness.sendCommand(command("help"));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    await harness.running.settled();
    const [answer, ...more] = harness.fake.callsTo("response_url", before);
    expect(more).toEqual([]);
    expect(answer!.args.response_type).toBe("ephemeral");
    expect(seenText(answer!.args)).toContain(messages("en").help.title);
    expect(harness.fake.callsTo("chat.postMessage", before)).toEqual([]);
  });

  it("answers a question", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const { calls } = await deliver(() => harness.sendCommand(command("what does a Learning Architect do?")));
    expect(seenText(calls.find((c) => c.method === "response_url")!.args)).toContain(role.missions[0]!.text.en);
  });

  it("reads its text as a message is read: small talk, orders, and a follow-up on the role asked about before", async () => {
    const role = (await shippedCatalog()).get("digital-learning-manager");
    const answerTo = async (text: string) => {
      const { calls } = await deliver(() => harness.sendCommand(command(text)));
      return seenText(calls.find((c) => c.method === "response_url")!.args);
    };
    expect(await answerTo("thanks!")).toContain(messages("en").smallTalk.thanks);
    expect(await answerTo("what does a Digital Learning Manager do?")).toContain(role.missions[0]!.text.en);
    expect(await answerTo("and the training path?")).toContain(role.trainingPath[0]!.title.en);
  });

  it("shows help for a bare /parcours", async () => {
    const { calls } = await deliver(() => harness.sendCommand(command("")));
    expect(seenText(calls.find((c) => c.method === "response_url")!.args)).toContain(messages("en").help.title);
  });
});

describe("buttons", () => {
  it("round-trips a pressed button from a DM answer and answers in the DM", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const first = await deliver(() => harness.sendEvent(directMessage("what does a Learning Architect do?")));
    const shown = seenButtons(first.calls.find((c) => c.method === "chat.postMessage")!.args).find((b) => b.actionId === "role.path");
    expect(shown).toEqual(expect.objectContaining({ actionId: "role.path", value: "learning-architect" }));
    const pressed = await deliver(() => harness.sendInteraction(buttonPress(shown!)));
    expect(pressed.status).toBe(200);
    const post = pressed.calls.find((c) => c.method === "chat.postMessage")!;
    expect(post!.args.channel).toBe("D0ALICE01");
    expect(seenText(post!.args)).toContain(role.names.en);
  });

  it("answers a button of the Home tab in the user's DM", async () => {
    const payload = fixture("block-actions-home");
    payload.trigger_id = nextIds().trigger;
    const { calls } = await deliver(() => harness.sendInteraction(payload));
    const post = calls.find((c) => c.method === "chat.postMessage")!;
    expect(post.args.channel).toBe("D0ALICE01");
    expect(seenText(post.args)).toContain(messages("en").list.title);
  });

  it("answers a button on an ephemeral message through its response_url", async () => {
    const payload = fixture("block-actions");
    payload.trigger_id = nextIds().trigger;
    payload.container.is_ephemeral = true;
    payload.response_url = harness.fake.responseUrl("ephemeral-action");
    const { calls } = await deliver(() => harness.sendInteraction(payload));
    expect(calls.filter((c) => c.method === "chat.postMessage")).toEqual([]);
    expect(calls.find((c) => c.method === "response_url")!.args.response_type).toBe("ephemeral");
  });

  it("answers an unknown action politely", async () => {
    const payload = fixture("block-actions");
    payload.trigger_id = nextIds().trigger;
    payload.actions[0].action_id = "some.removed.button:3";
    const { status, calls } = await deliver(() => harness.sendInteraction(payload));
    expect(status).toBe(200);
    expect(seenText(calls.find((c) => c.method === "chat.postMessage")!.args)).toContain(messages("en").unknownAction);
  });
});

describe("App Home and locale", () => {
  it("publishes the Home tab with quick actions when it is opened", async () => {
    const body = fixture("app-home-opened");
    body.event_id = nextIds().eventId;
    const { calls } = await deliver(() => harness.sendEvent(body));
    const publish = calls.find((c) => c.method === "views.publish")!;
    expect(publish.args.user_id).toBe("U0ALICE01");
    expect(publish.args.view.type).toBe("home");
    const actionIds = seenButtons(publish.args.view).map((b) => b.actionId);
    expect(actionIds).toEqual(expect.arrayContaining(["help", "role.list", "role.describe"]));
  });

  it("does not publish anything when the Messages tab is opened", async () => {
    const body = fixture("app-home-opened");
    body.event_id = nextIds().eventId;
    body.event.tab = "messages";
    const { calls } = await deliver(() => harness.sendEvent(body));
    expect(calls.filter((c) => c.method === "views.publish")).toEqual([]);
  });

  it("uses the user's Slack locale, looked up once with include_locale and cached", async () => {
    const user = "U0CLAIRE1";
    harness.fake.locales.set(user, "fr-FR");
    const home = fixture("app-home-opened");
    home.event_id = nextIds().eventId;
    home.event.user = user;
    const opened = await deliver(() => harness.sendEvent(home));
    expect(seenText(opened.calls.find((c) => c.method === "views.publish")!.args.view)).toContain(messages("fr").help.intro);
    const lookups = opened.calls.filter((c) => c.method === "users.info");
    expect(lookups.map((c) => [c.args.user, c.args.include_locale])).toEqual([[user, "true"]]);

    // A question whose words do not tell the language is answered in the Slack locale; no second lookup.
    const asked = await deliver(() => harness.sendEvent(directMessage("DLM", { user, channel: "D0CLAIRE1" })));
    expect(asked.calls.filter((c) => c.method === "users.info")).toEqual([]);
    const role = (await shippedCatalog()).get("digital-learning-manager");
    expect(seenText(asked.calls.find((c) => c.method === "chat.postMessage")!.args)).toContain(role.missions[0]!.text.fr);
  });
});

describe("privacy", () => {
  it("logs neither the message text nor the raw user id at info level", async () => {
    const quiet = new SlackHarness();
    await quiet.start({ logLevel: "info" });
    try {
      const question = "what does a Learning Architect do?";
      await quiet.sendEvent(directMessage(question, { user: "U0SECRET01" }));
      await quiet.fake.waitFor("chat.postMessage");
      await quiet.running.settled();
      expect(quiet.logs.text).toContain("message understood");
      expect(quiet.logs.text).not.toContain(question);
      expect(quiet.logs.text).not.toContain("U0SECRET01");
    } finally {
      await quiet.stop();
    }
  });
});
