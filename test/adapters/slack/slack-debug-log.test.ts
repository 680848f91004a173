import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROFILE } from "./fake-slack-api.js";
import { seenButtons } from "./seen-message.js";
import { buttonPress, directMessage, SlackHarness } from "./slack-harness.js";

const USER = "U0PRIVATE1";
const harness = new SlackHarness();
beforeAll(() => harness.start({ logLevel: "debug" }).then(() => undefined));
afterAll(() => harness.stop());

/** Sends, and waits until the answer is posted and the work behind it settled. */
async function exchange(send: () => Promise<Response>) {
  const before = harness.fake.calls.length;
  expect((await send()).status).toBe(200);
  await harness.fake.waitFor("chat.postMessage", 1, before);
  await harness.running.settled();
  return harness.fake.calls.slice(before);
}

describe("the log at debug level", () => {
  it("holds no profile, no raw user id and no private result, after a whole self-assessment through Slack", async () => {
    let calls = await exchange(() => harness.sendEvent(directMessage("évaluer mes compétences de learning architect", { user: USER })));
    // Every skill rated 2, by button: the results are private to the user.
    for (let guard = 0; guard < 20; guard++) {
      const rate = calls.flatMap((c) => (c.method === "chat.postMessage" ? seenButtons(c.args) : [])).find((b) => b.label.startsWith("2"));
      if (!rate) break;
      calls = await exchange(() => harness.sendInteraction(buttonPress(rate, { user: USER })));
    }
    // The profile went through the SDK, and the results were posted.
    expect(harness.fake.calls.some((c) => c.method === "users.info" && c.args.user === USER)).toBe(true);
    const results = calls.filter((c) => c.method === "chat.postMessage").map((c) => String(c.args.text));
    const log = harness.logs.text;
    for (const secret of [PROFILE.realName, PROFILE.email, PROFILE.phone, USER, ...results]) expect(log).not.toContain(secret);
  });
});
