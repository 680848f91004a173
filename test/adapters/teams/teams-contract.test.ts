import { adapterContract, type ContractDriver, type SeenReply } from "../../contract/adapter-contract.js";
import { cardButtons, cardText, TeamsHarness } from "./teams-harness.js";

/** Posts activities to the Teams adapter over HTTP as Teams would, and reads the cards the fake connector receives. */
function teamsDriver(): ContractDriver {
  const harness = new TeamsHarness();

  async function deliver(activity: Record<string, any>): Promise<SeenReply> {
    const before = harness.connector.messages().length;
    const { status } = await harness.post(activity);
    if (status !== 200) throw new Error(`Teams adapter answered ${status}`);
    const sent = harness.connector.messages().slice(before);
    return { text: sent.map((s) => cardText(s.activity)).join("\n"), buttons: sent.flatMap((s) => cardButtons(s.activity)) };
  }

  return {
    start: () => harness.start(),
    stop: () => harness.stop(),
    ask: (text) => deliver(harness.activity("personal-message", { text })),
    press: (button) => deliver(harness.activity("card-submit", { value: { actionId: button.actionId, value: button.value } })),
    async askRetried(text, times) {
      const activity = harness.activity("personal-message", { text, conversation: { conversationType: "personal", id: "a:retried-conversation" } });
      const before = harness.connector.messages("a:retried-conversation").length;
      // All at once: a copy that arrives while the answer is under way is told 503, and Teams delivers it again later.
      const statuses = await Promise.all(Array.from({ length: times }, () => harness.post(activity)));
      if (statuses.some((s) => s.status !== 200 && s.status !== 503) || !statuses.some((s) => s.status === 200)) throw new Error("a retried delivery was refused");
      for (const { status } of statuses) {
        if (status === 503 && (await harness.post(activity)).status !== 200) throw new Error("a redelivery was refused");
      }
      return harness.connector.messages("a:retried-conversation").length - before;
    },
  };
}

adapterContract("teams", teamsDriver);
