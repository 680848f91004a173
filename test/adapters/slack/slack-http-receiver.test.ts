import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../../adapters/slack/slack-http-receiver.js";
import { abortedPost, postUnfinished, rawRequestStatus } from "./raw-post.js";
import { seenText } from "./seen-message.js";
import { buttonPress, directMessage, fixture, mention, nextIds, SIGNING_SECRET, SlackHarness, type Fixture } from "./slack-harness.js";
import { postSigned, slackSignature } from "./slack-signature.js";

/**
 * The adapter's door, through the whole adapter: Parcours' receiver in front of Bolt and the
 * listeners, the fake Web API recording whatever they do. "No call at all" means no listener ran:
 * each one looks up the user's locale (users.info) before anything else, for a user never seen.
 */
const harness = new SlackHarness();
beforeAll(() => harness.start().then(() => undefined));
afterAll(() => harness.stop());
afterEach(() => harness.running.settled());

async function deliver(send: () => Promise<Response>) {
  const before = harness.fake.calls.length;
  const response = await send();
  const body = await response.text();
  await harness.running.settled();
  return { status: response.status, body, calls: harness.fake.calls.slice(before) };
}

let strangers = 0;
/** A user this harness has never seen, so a listener that ran would call users.info for them. */
const stranger = () => `U0NEW${String(++strangers).padStart(4, "0")}`;

const signedHeaders = (body = "") => {
  const timestamp = Math.floor(Date.now() / 1000);
  return { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": slackSignature(SIGNING_SECRET, timestamp, body) };
};

describe("Slack's handshakes and notices", () => {
  it("answers url_verification with its challenge", async () => {
    const { status, body, calls } = await deliver(() => harness.sendEvent({ token: "x", challenge: "fake-challenge-456", type: "url_verification" }));
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ challenge: "fake-challenge-456" });
    expect(calls).toEqual([]);
  });

  it("answers a slash command URL's ssl_check with an empty 200", async () => {
    const { status, body, calls } = await deliver(() => harness.sendCommand(fixture("ssl-check")));
    expect(status).toBe(200);
    expect(body).toBe("");
    expect(calls).toEqual([]);
  });

  it("answers app_rate_limited with a 200 at once, runs no listener, and logs a warning", async () => {
    const { status, body, calls } = await deliver(() => harness.sendEvent(fixture("app-rate-limited")));
    expect(status).toBe(200);
    expect(body).toBe("");
    expect(calls).toEqual([]);
    const warning = harness.logs.chunks.map((line) => JSON.parse(line)).find((entry) => entry.minuteRateLimited === 1718000400);
    expect(warning).toEqual(expect.objectContaining({ level: 40, team: "T0FAKE001" }));
  });

  it("answers an interaction nobody listens to with an empty 200", async () => {
    const { status, body, calls } = await deliver(() => harness.sendInteraction(fixture("shortcut")));
    expect(status).toBe(200);
    expect(body).toBe("");
    expect(calls).toEqual([]);
  });
});

describe("bodies too large", () => {
  it("answers 413 to a declared Content-Length over the limit without reading the body", async () => {
    const before = harness.fake.calls.length;
    const { status, written } = await postUnfinished(harness.eventsUrl, signedHeaders(), { declaredLength: 200 * 1024 * 1024 });
    expect(status).toBe(413);
    expect(written).toBeLessThan(MAX_BODY_BYTES);
    expect(harness.fake.calls.slice(before)).toEqual([]);
  });

  it("stops reading a chunked body once it passes the limit and answers 413", async () => {
    const before = harness.fake.calls.length;
    const { status, written } = await postUnfinished(harness.eventsUrl, signedHeaders(), { chunked: true });
    expect(status).toBe(413);
    expect(written).toBeGreaterThan(MAX_BODY_BYTES);
    expect(harness.fake.calls.slice(before)).toEqual([]);
  });

  it("refuses an unsigned request before reading its body: 413 when it declares too much, 401 otherwise", async () => {
    const headers = { "content-type": "application/json", "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)) };
    expect((await postUnfinished(harness.eventsUrl, headers, { declaredLength: 200 * 1024 * 1024 })).status).toBe(413);
    expect((await postUnfinished(harness.eventsUrl, headers, { declaredLength: 64 * 1024 })).status).toBe(401);
  });
});

const entries = () => harness.logs.chunks.map((line) => JSON.parse(line) as Record<string, any>);

/** Waits until the logs since entry `since` have one that `matches`; fails after a few seconds rather than hang. */
async function logged(since: number, matches: (entry: Record<string, any>) => boolean): Promise<Record<string, any>> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = entries().slice(since).find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`not logged; saw ${JSON.stringify(entries().slice(since).map((e) => e.msg))}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ERROR_LEVEL = 50;

describe("requests that break off or make no sense", () => {
  it("answers 400 to a request target that is not a URL, and logs no error", async () => {
    const since = entries().length;
    const status = await rawRequestStatus(harness.eventsUrl, "POST http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
    expect(status).toBe(400);
    const refused = await logged(since, (entry) => entry.msg === "request with a malformed target refused");
    expect(refused.level).toBe(40);
    expect(JSON.stringify(refused)).not.toContain("http://[");
    expect(entries().slice(since).filter((entry) => entry.level >= ERROR_LEVEL)).toEqual([]);
  });

  it("logs a client that gives up halfway through its body at debug level, without the request, and runs no listener", async () => {
    const since = entries().length;
    const before = harness.fake.calls.length;
    const user = stranger();
    const body = JSON.stringify(directMessage("list the roles", { user }));
    const headers = signedHeaders(body);
    await abortedPost(harness.eventsUrl, headers, { declaredLength: Buffer.byteLength(body), sent: body.slice(0, 400) });
    const gone = await logged(since, (entry) => entry.msg === "client closed the connection before its request was read" || entry.level >= ERROR_LEVEL);
    expect(gone).toEqual(expect.objectContaining({ level: 20, msg: "client closed the connection before its request was read" }));
    for (const part of ["/slack/events", headers["x-slack-signature"], user, "event_callback"]) expect(JSON.stringify(gone)).not.toContain(part);
    expect(gone).not.toHaveProperty("err");
    expect(entries().slice(since).filter((entry) => entry.level >= ERROR_LEVEL)).toEqual([]);
    expect(harness.fake.calls.slice(before)).toEqual([]);
  });
});

/** A press of the fixture's button, by a user never seen, changed by `edit`. */
function press(edit: (payload: Fixture) => void): Fixture {
  const payload = buttonPress({ label: "Skills", actionId: "role.skills", slackActionId: "role.skills:0", value: "learning-architect" }, { user: stranger() });
  edit(payload);
  return payload;
}

/** A /parcours by a user never seen, changed by `edit` (form fields: a missing one is left out, never "undefined"). */
function command(edit: (fields: Fixture) => void): Fixture {
  const fields = { ...fixture("slash-command"), user_id: stranger(), trigger_id: nextIds().trigger, response_url: harness.fake.responseUrl("malformed") };
  edit(fields);
  return fields;
}

describe("signed payloads of an unexpected shape", () => {
  it.each<[string, () => Promise<Response>]>([
    ["a button value that is a number", () => harness.sendInteraction(press((p) => (p.actions[0].value = 42)))],
    ["an action_id that is an object", () => harness.sendInteraction(press((p) => (p.actions[0].action_id = { id: "role.skills:0" })))],
    ["a block action without a user", () => harness.sendInteraction(press((p) => delete p.user))],
    ["a block action whose user id is not a string", () => harness.sendInteraction(press((p) => (p.user = { id: 12345 })))],
    ["a block action whose user is a string", () => harness.sendInteraction(press((p) => (p.user = "U0ALICE01")))],
    ["a block action without actions", () => harness.sendInteraction(press((p) => (p.actions = [])))],
    ["a block action without a trigger_id", () => harness.sendInteraction(press((p) => delete p.trigger_id))],
    ["a DM whose user is a number", () => harness.sendEvent(directMessage("list the roles", { event: { user: 42 } }))],
    ["a DM whose text is an object", () => harness.sendEvent(directMessage("list the roles", { user: stranger(), event: { text: { rich: true } } }))],
    ["a mention without a channel", () => harness.sendEvent(mention("list the roles", { user: stranger(), event: { channel: undefined } }))],
    ["a mention whose ts is a number", () => harness.sendEvent(mention("list the roles", { user: stranger(), event: { ts: 1718000000.1 } }))],
    ["an event callback without an event_id", () => harness.sendEvent({ ...directMessage("list the roles", { user: stranger() }), event_id: undefined })],
    ["a Home tab opened by nobody", () => harness.sendEvent({ ...fixture("app-home-opened"), event_id: nextIds().eventId, event: { ...fixture("app-home-opened").event, user: null } })],
    ["a slash command without a user_id", () => harness.sendCommand(command((c) => delete c.user_id))],
    ["a slash command without a trigger_id", () => harness.sendCommand(command((c) => delete c.trigger_id))],
  ])("answers 400 to %s and runs no listener", async (_name, send) => {
    const { status, calls } = await deliver(send);
    expect(status).toBe(400);
    expect(calls).toEqual([]);
  });

  it("keeps fields it does not know, and answers as usual", async () => {
    const user = stranger();
    const body = directMessage("list the roles", { user, channel: `D${user.slice(1)}`, event: { future_field: { kind: "new" }, assistant_thread: null } });
    const { status, calls } = await deliver(() => harness.sendEvent({ ...body, new_envelope_field: [1, 2, 3] }));
    expect(status).toBe(200);
    const [post] = calls.filter((c) => c.method === "chat.postMessage");
    expect(post!.args.channel).toBe(`D${user.slice(1)}`);
    expect(seenText(post!.args).length).toBeGreaterThan(0);
  });

  it("answers a press whose button has no value, as Slack sends it", async () => {
    const { status, calls } = await deliver(() => harness.sendInteraction(press((p) => delete p.actions[0].value)));
    expect(status).toBe(200);
    expect(calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
  });

  it("refuses a form body with an unsigned change, even when its shape is fine", async () => {
    const body = new URLSearchParams({ payload: JSON.stringify(press(() => {})) }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const { status, calls } = await deliver(() =>
      postSigned(harness.eventsUrl, { secret: SIGNING_SECRET, body: `${body}&extra=1`, contentType: "application/x-www-form-urlencoded", signature: slackSignature(SIGNING_SECRET, timestamp, body), timestamp }),
    );
    expect(status).toBe(401);
    expect(calls).toEqual([]);
  });
});
