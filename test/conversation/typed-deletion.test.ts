import { describe, expect, it } from "vitest";
import { messages } from "../../src/i18n/messages.js";
import { userStateKey } from "../../src/privacy/user-erasure.js";
import { says, started, user } from "../assessment/conversation.js";

/** A user with a result on file, to see whether it is still there. */
async function withResult(options: Parameters<typeof started>[0] = {}) {
  const harness = await started(options);
  await harness.say("assess me against SME trainer");
  await harness.say("3");
  await harness.say("stop");
  const hasResult = async () => !says(await harness.say("my results"), messages("en").results.none);
  return { ...harness, hasResult };
}

describe("a typed answer to “delete all your data?”", () => {
  it.each([
    ["supprime mes données", "oui", "fr"],
    ["supprime mes données", "Oui, supprime", "fr"],
    ["delete my data", "yes", "en"],
    ["delete my data", "ok, delete", "en"],
  ] as const)("after “%s”, “%s” deletes everything, as the button does", async (asked, answer, locale) => {
    const { say, state, hasResult } = await withResult();
    await say("assess me against learning designer");
    await say(asked);
    const done = await say(answer);
    expect(says(done, messages(locale).data.done)).toBe(true);
    expect(await state.get(userStateKey(user, "flow"))).toBeUndefined();
    expect(await hasResult()).toBe(false);
  });

  it.each([["supprime mes données", "non", "fr"], ["delete my data", "keep my data", "en"]] as const)("after “%s”, “%s” deletes nothing", async (asked, answer, locale) => {
    const { say, hasResult } = await withResult();
    await say(asked);
    expect(says(await say(answer), messages(locale).data.cancelled)).toBe(true);
    expect(await hasResult()).toBe(true);
  });

  it("deletes nothing on a “yes” when no deletion is pending: never asked, answered by a button, moved on from, or asked long ago", async () => {
    let clock = Date.parse("2026-12-01T09:00:00Z");
    const { say, press, hasResult } = await withResult({ now: () => new Date(clock) });
    expect(says(await say("yes"), messages("en").data.done)).toBe(false);
    await say("delete my data");
    await press("data.keep", "");
    await say("yes");
    await say("supprime mes données");
    await say("c'est quoi un DLM ?");
    await say("oui");
    await say("delete my data");
    clock += 11 * 60_000;
    await say("yes");
    expect(await hasResult()).toBe(true);
  });
});
