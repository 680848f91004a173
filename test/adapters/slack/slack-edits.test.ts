import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixture, nextIds, SlackHarness, type Fixture } from "./slack-harness.js";

/**
 * Editing a message that mentions the bot sends a new app_mention: a new event_id, the same `ts`,
 * and an `edited` field. https://docs.slack.dev/reference/events/app_mention
 */
const harness = new SlackHarness();
beforeAll(() => harness.start().then(() => undefined));
afterAll(() => harness.stop());
afterEach(() => harness.running.settled());

async function answersTo(body: Fixture): Promise<number> {
  const before = harness.fake.calls.length;
  expect((await harness.sendEvent(body)).status).toBe(200);
  await harness.running.settled();
  return harness.fake.callsTo("chat.postMessage", before).length;
}

/** A mention of the fixture's question at `ts`, as first posted (without `edited`) or as edited. */
function mentionAt(ts: string, edited: boolean): Fixture {
  const body = fixture(edited ? "app-mention-edited" : "app-mention");
  body.event_id = nextIds().eventId;
  body.event.ts = ts;
  return body;
}

describe("a mention that is edited", () => {
  it("is answered once: the edit's new event for the same message is not answered again", async () => {
    const { ts } = nextIds();
    expect(await answersTo(mentionAt(ts, false))).toBe(1);
    expect(await answersTo(mentionAt(ts, true))).toBe(0);
  });

  it("is answered when the mention was added by the edit, its first event", async () => {
    const { ts } = nextIds();
    expect(await answersTo(mentionAt(ts, true))).toBe(1);
    expect(await answersTo(mentionAt(ts, true))).toBe(0);
  });

  it("is still answered once when Slack retries the first event", async () => {
    const { ts } = nextIds();
    const first = mentionAt(ts, false);
    expect(await answersTo(first)).toBe(1);
    const before = harness.fake.calls.length;
    const retried = await harness.sendEvent(first, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    expect(retried.status).toBe(200);
    await harness.running.settled();
    expect(harness.fake.callsTo("chat.postMessage", before)).toEqual([]);
  });

  it("does not stop another message in the same thread from being answered", async () => {
    const { ts } = nextIds();
    expect(await answersTo(mentionAt(ts, false))).toBe(1);
    const reply = mentionAt(nextIds().ts, false);
    reply.event.thread_ts = ts;
    expect(await answersTo(reply)).toBe(1);
  });
});
