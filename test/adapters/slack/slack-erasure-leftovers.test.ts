import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KnownConversations, RECORDED_MAX_AGE_MS } from "../../../adapters/slack/known-conversations.js";
import { createLogger } from "../../../src/logging/logger.js";
import { openDatabase, type Database } from "../../../src/records/database.js";
import { openStateStore } from "../../../src/store/open-state.js";
import { Capture, shippedCatalog, testParcours } from "../../helpers.js";
import { dmChannelOf } from "./fake-slack-api.js";
import { buttonPress, directMessage, mention, SlackHarness, type Fixture } from "./slack-harness.js";

/**
 * What "delete my data" may leave behind in the shared stores, with the SQLite state store a
 * default install runs, whose rows can be listed: every key left is in the `state` table.
 */
function stateKeys(database: Database): string[] {
  if (database.kind !== "sqlite") throw new Error("these tests list SQLite state rows");
  return (database.sqlite.prepare("SELECT key FROM state").all() as { key: string }[]).map((row) => row.key);
}

async function sharedStores() {
  const database = await openDatabase("memory://");
  return { database, state: openStateStore(database) };
}

describe("message claims", () => {
  let stores: Awaited<ReturnType<typeof sharedStores>>;
  let harness: SlackHarness;
  beforeAll(async () => {
    stores = await sharedStores();
    harness = await new SlackHarness(stores).start();
  });
  afterAll(async () => {
    await harness.stop();
    await stores.state.close();
    await stores.database.close();
  });

  async function send(body: Fixture): Promise<void> {
    const before = harness.fake.calls.length;
    expect((await harness.sendEvent(body)).status).toBe(200);
    await harness.fake.waitFor("chat.postMessage", 1, before);
    await harness.running.settled();
  }

  it("keep nothing that names a DM: no timeline of a user's DMs is written", async () => {
    const user = "U0CLAIM01";
    const dm = directMessage("list the roles", { user, channel: dmChannelOf(user) });
    await send(dm);
    expect(stateKeys(stores.database).filter((key) => key.includes(dmChannelOf(user)) || key.includes(dm.event.ts))).toEqual([]);
  });

  it("keep a mention's claim under its author's data, so that their erasure removes it", async () => {
    const user = "U0CLAIM02";
    const asked = mention("list the roles", { user });
    await send(asked);
    // The claim, and the conversation's memory of the thread, both under the author's data.
    const keys = stateKeys(stores.database).filter((key) => key.includes(asked.event.ts));
    expect(keys.filter((key) => key.includes("slack-mention:"))).toHaveLength(1);
    for (const key of keys) expect(key.startsWith(`user:slack:${user}:`)).toBe(true);

    await harness.parcours.erasure.erase({ platform: "slack", userId: user });
    expect(stateKeys(stores.database).filter((key) => key.includes(asked.event.ts) || key.includes(user))).toEqual([]);
  });
});

describe("the DM records of one process after an erasure handled by another", () => {
  it("are written again once older than their maximum age", async () => {
    const parcours = await testParcours();
    let now = 1_718_000_000_000;
    const conversations = new KnownConversations(parcours.addresses, createLogger("silent", new Capture()), undefined, () => now);
    const user = "U0STALE01";
    try {
      await conversations.rememberDm(dmChannelOf(user), user);
      // Another process erases the user's data: the row goes, this process's memory of writing it stays.
      await parcours.addresses.forgetUser("slack", user);

      now += RECORDED_MAX_AGE_MS - 1;
      await conversations.rememberDm(dmChannelOf(user), user);
      expect(await parcours.addresses.personal("slack", user)).toBeUndefined();

      now += 1;
      await conversations.rememberDm(dmChannelOf(user), user);
      expect(await parcours.addresses.personal("slack", user)).toEqual(expect.objectContaining({ conversationId: dmChannelOf(user), kind: "personal" }));
    } finally {
      await parcours.close();
    }
  });
});

describe("a chart uploaded into a DM by a process that does not know whose DM it is", () => {
  let stores: Awaited<ReturnType<typeof sharedStores>>;
  let first: SlackHarness;
  let second: SlackHarness;
  beforeAll(async () => {
    stores = await sharedStores();
    first = await new SlackHarness(stores).start();
    // Two processes of one deployment: the same stores, the same Slack workspace.
    second = await new SlackHarness(stores).start({ apiUrl: first.fake.apiUrl });
  });
  afterAll(async () => {
    await second.stop();
    await first.stop();
    await stores.state.close();
    await stores.database.close();
  });

  it("is recorded for the user the reply was for, and erased with their data", async () => {
    const user = "U0OWNER01";
    const dm = dmChannelOf(user);
    const fake = first.fake;
    expect((await first.sendEvent(directMessage("list the roles", { user, channel: dm }))).status).toBe(200);
    await first.running.settled();
    // Deleted through the second process: the first still remembers having recorded the DM, and does not write it again.
    await second.parcours.erasure.erase({ platform: "slack", userId: user });
    expect(await second.parcours.addresses.personal("slack", user)).toBeUndefined();

    // The user assesses themself again, then presses "see my result" on a message in their DM, which the second process handles.
    const role = (await shippedCatalog()).get("learning-architect");
    const self = { platform: "slack", userId: user, conversationId: `dm:${user}` };
    for (const text of ["assess me against learning architect", ...role.skills.map(() => "3")]) await second.parcours.bot.handleMessage({ ...self, text });
    const before = fake.calls.length;
    const result = { label: "Result", actionId: "assessment.result", slackActionId: "assessment.result:0", value: role.id };
    expect((await second.sendInteraction(buttonPress(result, { user, channel: dm }))).status).toBe(200);
    const [upload] = await fake.waitFor("files.completeUploadExternal", 1, before);
    await second.running.settled();
    expect(upload!.args.channel_id).toBe(dm);
    const file = upload!.args.files[0].id as string;

    await first.parcours.erasure.erase({ platform: "slack", userId: user });
    expect(fake.files.get(file)!.deleted).toBe(true);
  });
});
