import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dmChannelOf } from "./fake-slack-api.js";
import { directMessage, fixture, mention, nextIds, SlackHarness } from "./slack-harness.js";

/** Slack DM ids are recorded in the core's address book, so the core can reach people who have used the app. */
const harness = new SlackHarness();
beforeAll(() => harness.start().then(() => undefined));
afterAll(() => harness.stop());
afterEach(() => harness.running.settled());

async function send(body: Record<string, any>): Promise<void> {
  expect((await harness.sendEvent(body)).status).toBe(200);
  await harness.running.settled();
}

describe("Slack DM addresses", () => {
  it("records a DM when one arrives, as the user's personal conversation", async () => {
    await send(directMessage("list the roles", { user: "U0ADDR001", channel: dmChannelOf("U0ADDR001") }));
    expect(await harness.parcours.addresses.personal("slack", "U0ADDR001")).toEqual({
      platform: "slack",
      conversationId: dmChannelOf("U0ADDR001"),
      kind: "personal",
      userId: "U0ADDR001",
      reference: { channel: dmChannelOf("U0ADDR001") },
    });
  });

  it("writes it once per process, not on every message", async () => {
    const dm = dmChannelOf("U0ADDR002");
    await send(directMessage("list the roles", { user: "U0ADDR002", channel: dm }));
    // Removed behind the adapter's back: a write on the next message would bring it back.
    await harness.parcours.addresses.forget("slack", dm);
    await send(directMessage("what is a DLM?", { user: "U0ADDR002", channel: dm }));
    expect(await harness.parcours.addresses.find("slack", dm)).toBeUndefined();
  });

  it("records the DM named by the Home tab when it is opened", async () => {
    const home = fixture("app-home-opened");
    home.event_id = nextIds().eventId;
    Object.assign(home.event, { user: "U0ADDR003", channel: dmChannelOf("U0ADDR003") });
    await send(home);
    expect(await harness.parcours.addresses.personal("slack", "U0ADDR003")).toEqual(expect.objectContaining({ conversationId: dmChannelOf("U0ADDR003") }));
  });

  it("does not record a channel where the user mentioned the bot", async () => {
    await send(mention("list the roles", { user: "U0ADDR004" }));
    expect(await harness.parcours.addresses.list("slack", "channel")).toEqual([]);
    expect(await harness.parcours.addresses.personal("slack", "U0ADDR004")).toBeUndefined();
  });

  it("lists every recorded DM for the core", async () => {
    const listed = (await harness.parcours.addresses.list("slack", "personal")).map((a) => a.userId);
    expect(listed).toEqual(expect.arrayContaining(["U0ADDR001", "U0ADDR003"]));
  });
});
