import { adapterContract, type ContractDriver, type SeenReply } from "../../contract/adapter-contract.js";
import { seenButtons, seenText, type SeenButton } from "./seen-message.js";
import { buttonPress, directMessage, SlackHarness } from "./slack-harness.js";

/**
 * Talks to the Slack adapter as Slack does: signed event callbacks and interactions to Bolt's
 * HTTP receiver on loopback, and reads what the adapter posted to the fake Web API.
 */
function slackDriver(): ContractDriver {
  const harness = new SlackHarness();
  let lastButtons: SeenButton[] = [];

  /** Sends, waits for the answer and for the adapter to finish, and reads every message it posted. */
  async function exchange(send: () => Promise<Response>): Promise<SeenReply> {
    const before = harness.fake.calls.length;
    const response = await send();
    if (response.status !== 200) throw new Error(`Slack request answered ${response.status}`);
    await harness.fake.waitFor("chat.postMessage", 1, before);
    await harness.running.settled();
    const posted = harness.fake.callsTo("chat.postMessage", before).map((c) => c.args);
    lastButtons = posted.flatMap(seenButtons);
    return { text: posted.map(seenText).join("\n"), buttons: lastButtons.map(({ label, actionId, value }) => ({ label, actionId, value })) };
  }

  return {
    start: async () => {
      await harness.start();
    },
    stop: () => harness.stop(),
    ask: (text) => exchange(() => harness.sendEvent(directMessage(text))),
    press: (button) => {
      const shown = lastButtons.find((b) => b.actionId === button.actionId && b.value === button.value);
      if (!shown) throw new Error(`no button ${button.actionId} ${button.value} in the last reply`);
      return exchange(() => harness.sendInteraction(buttonPress(shown)));
    },
    async askRetried(text, times) {
      const before = harness.fake.calls.length;
      const event = directMessage(text);
      const retry = (attempt: number) => (attempt === 0 ? {} : { "x-slack-retry-num": String(attempt), "x-slack-retry-reason": "http_timeout" });
      // The first delivery and Slack's retries (same event_id, X-Slack-Retry-Num 1, 2, 3) all at once: a
      // copy that arrives while the answer is under way is told 503, and Slack sends it again later.
      const responses = await Promise.all(Array.from({ length: times }, (_, attempt) => harness.sendEvent(event, retry(attempt))));
      if (responses.some((r) => r.status !== 200 && r.status !== 503) || !responses.some((r) => r.status === 200)) throw new Error("a delivery was not acknowledged");
      for (const [attempt, response] of responses.entries()) {
        if (response.status === 503 && (await harness.sendEvent(event, retry(attempt + times))).status !== 200) throw new Error("a redelivery was not acknowledged");
      }
      await harness.fake.waitFor("chat.postMessage", 1, before);
      await harness.running.settled();
      return harness.fake.callsTo("chat.postMessage", before).length;
    },
  };
}

adapterContract("slack", slackDriver);
