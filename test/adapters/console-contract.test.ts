import { PassThrough } from "node:stream";
import { runConsoleChat } from "../../adapters/console/console-chat.js";
import { adapterContract, type ContractDriver, type SeenReply } from "../contract/adapter-contract.js";
import { Capture, testBot } from "../helpers.js";

/** Types into the console adapter as a person at a terminal would, and reads what it prints. */
function consoleDriver(): ContractDriver {
  const input = new PassThrough();
  const output = new Capture();
  let done: Promise<void> | undefined;
  let lastButtons: SeenReply["buttons"] = [];

  async function type(line: string): Promise<SeenReply> {
    const before = output.text.length;
    input.write(`${line}\n`);
    for (let i = 0; i < 200 && output.text.length === before; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    const text = output.text.slice(before);
    const labels = [...text.matchAll(/\[(\d+)\] ([^[\n]+?)(?=\s{2}\[|\n|$)/g)].map((m) => m[2]!.trim());
    return { text, buttons: labels.map((label, i) => ({ label, ...lastButtons[i]! })) };
  }

  return {
    async start() {
      const { bot } = await testBot();
      // Numbers typed at the console press buttons; the driver learns their ids from the bot's own replies.
      const handle = bot.handleMessage.bind(bot);
      bot.handleMessage = async (message) => {
        const reply = await handle(message);
        lastButtons = reply?.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])) ?? [];
        return reply;
      };
      done = runConsoleChat({ bot, input, output, locale: "en", interactive: false });
    },
    async stop() {
      input.end();
      await done;
    },
    ask: type,
    async press(button) {
      const index = lastButtons.findIndex((b) => b.actionId === button.actionId && b.value === button.value);
      return type(String(index + 1));
    },
  };
}

adapterContract("console", consoleDriver);
