import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlack } from "../../../adapters/slack/start-slack.js";
import { reply } from "../../../src/answers/reply.js";
import { loadConfig } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logging/logger.js";
import { userStateKey } from "../../../src/privacy/user-erasure.js";
import { dmChannelOf } from "./fake-slack-api.js";
import { postSigned } from "./slack-signature.js";
import { BOT_TOKEN, directMessage, SIGNING_SECRET, SlackHarness } from "./slack-harness.js";

/** "Delete my data" as the core runs it (parcours.erasure), for what the Slack adapter keeps about a user. */
const harness = new SlackHarness();
beforeAll(() => harness.start().then(() => undefined));
afterAll(() => harness.stop());

const subject = (userId: string) => ({ platform: "slack", userId });
const chartReply = reply([{ type: "text", text: "Your result" }, { type: "chart", title: "Learning Architect", series: [{ label: "Design", value: 3 }], max: 5 }], { private: true });

/** The user writes to the app (which caches their locale and records their DM), then gets two charts in the DM. */
async function userWithCharts(userId: string): Promise<string[]> {
  expect((await harness.sendEvent(directMessage("what is a DLM?", { user: userId, channel: dmChannelOf(userId) }))).status).toBe(200);
  await harness.running.settled();
  const before = harness.fake.calls.length;
  const dm = await harness.running.outbound.openPrivateConversation(userId);
  await harness.running.outbound.post(dm, chartReply);
  await harness.running.outbound.post(dm, chartReply);
  return harness.fake.callsTo("files.completeUploadExternal", before).map((c) => c.args.files[0].id as string);
}

describe("erasing a Slack user's data", () => {
  it("registers what the Slack adapter keeps", () => {
    expect(harness.parcours.erasure.registered()).toEqual(expect.arrayContaining(["slack locale", "slack files"]));
  });

  it("deletes the cached locale, the DM's address, and the chart files in Slack, a file already gone included", async () => {
    const user = "U0ERASE01";
    const files = await userWithCharts(user);
    expect(files).toHaveLength(2);
    expect(await harness.parcours.state.get(userStateKey(subject(user), "locale"))).toEqual({ locale: "en" });
    expect(await harness.parcours.addresses.personal("slack", user)).toBeDefined();
    // The user deleted one picture themselves: Slack answers file_deleted, which is what the eraser wants.
    harness.fake.files.get(files[0]!)!.deleted = true;

    const before = harness.fake.calls.length;
    await harness.parcours.erasure.erase(subject(user));

    expect(harness.fake.callsTo("files.delete", before).map((c) => c.args.file).sort()).toEqual([...files].sort());
    expect(files.map((id) => harness.fake.files.get(id)!.deleted)).toEqual([true, true]);
    expect(await harness.parcours.state.get(userStateKey(subject(user), "locale"))).toBeUndefined();
    expect(await harness.parcours.addresses.personal("slack", user)).toBeUndefined();
  });

  it("starts afresh when the user comes back: the locale is looked up and the DM recorded again", async () => {
    const user = "U0ERASE02";
    await userWithCharts(user);
    await harness.parcours.erasure.erase(subject(user));

    const before = harness.fake.calls.length;
    expect((await harness.sendEvent(directMessage("list the roles", { user, channel: dmChannelOf(user) }))).status).toBe(200);
    await harness.running.settled();
    expect(harness.fake.callsTo("users.info", before).map((c) => c.args.user)).toEqual([user]);
    expect(await harness.parcours.addresses.personal("slack", user)).toEqual(expect.objectContaining({ conversationId: dmChannelOf(user) }));
  });

  it("fails when Slack refuses to delete a file, and deletes it when the erasure is run again", async () => {
    const user = "U0ERASE03";
    const files = await userWithCharts(user);
    harness.fake.refuse("files.delete", "internal_error");
    await expect(harness.parcours.erasure.erase(subject(user))).rejects.toThrow(/slack files/);
    await harness.parcours.erasure.erase(subject(user));
    expect(files.map((id) => harness.fake.files.get(id)!.deleted)).toEqual([true, true]);
  });

  it("leaves other platforms' users alone", async () => {
    const user = "U0ERASE04";
    const files = await userWithCharts(user);
    await harness.parcours.erasure.erase({ platform: "teams", userId: user });
    expect(files.map((id) => harness.fake.files.get(id)!.deleted ?? false)).toEqual([false, false]);
    expect(await harness.parcours.state.get(userStateKey(subject(user), "locale"))).toEqual({ locale: "en" });
  });

  it("wins over a locale lookup that was under way when it ran: the locale written after it is erased too", async () => {
    const user = "U0ERASE05";
    const release = harness.fake.hold("users.info");
    const before = harness.fake.calls.length;
    // The event's request is answered once its answer is, after the lookup.
    const request = harness.sendEvent(directMessage("list the roles", { user, channel: dmChannelOf(user) }));
    try {
      await harness.fake.waitFor("users.info", 1, before);
      await harness.parcours.erasure.erase(subject(user));
    } finally {
      release();
    }
    expect((await request).status).toBe(200);
    await harness.running.settled();
    expect(await harness.parcours.state.get(userStateKey(subject(user), "locale"))).toBeUndefined();
  });
});

describe("the Slack adapter started twice on one core", () => {
  it("registers its erasers once, and an erasure drops what the second start remembers too", async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: harness.fake.apiUrl, PORT: "0", DATABASE_URL: "memory://" });
    const again = await startSlack(harness.parcours, config, createLogger("silent", harness.logs), { host: "127.0.0.1" });
    try {
      const registered = harness.parcours.erasure.registered();
      expect(registered.filter((what) => what.startsWith("slack "))).toEqual(["slack locale", "slack files", "slack dm addresses"]);
      const user = "U0TWICE01";
      const sayToSecond = async () => {
        const body = JSON.stringify(directMessage("list the roles", { user, channel: dmChannelOf(user) }));
        expect((await postSigned(`http://127.0.0.1:${again.port}/slack/events`, { secret: SIGNING_SECRET, body, contentType: "application/json" })).status).toBe(200);
        await again.settled();
      };
      await sayToSecond();
      expect(await harness.parcours.addresses.personal("slack", user)).toBeDefined();

      await harness.parcours.erasure.erase(subject(user));
      expect(await harness.parcours.addresses.personal("slack", user)).toBeUndefined();

      // The second start had recorded that DM; the erasure reached its memory of it, so it records it again.
      await sayToSecond();
      expect(await harness.parcours.addresses.personal("slack", user)).toEqual(expect.objectContaining({ conversationId: dmChannelOf(user) }));
    } finally {
      await again.stop();
    }
  });
});
