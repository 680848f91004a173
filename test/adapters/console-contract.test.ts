import { PassThrough } from "node:stream";
import { ConsoleCharts } from "../../adapters/console/console-charts.js";
import { runConsoleChat } from "../../adapters/console/console-chat.js";
import { adapterContract, type ContractDriver, type SeenReply } from "../contract/adapter-contract.js";
import { Capture, tempDir, testBot } from "../helpers.js";

/** Types into the console adapter as a person at a terminal would, and reads only what it prints. */
function consoleDriver(): ContractDriver {
  const input = new PassThrough();
  const output = new Capture();
  let done: Promise<void> | undefined;
  let shown: SeenReply["buttons"] = [];

  async function type(line: string): Promise<SeenReply> {
    const before = output.text.length;
    input.write(`${line}\n`);
    for (let i = 0; i < 200 && output.text.length === before; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    const text = output.text.slice(before);
    // The terminal numbers buttons "[1] Skills  [2] Training path": the number is what a person types.
    shown = [...text.matchAll(/\[(\d+)\] (.+?)(?=\s{2}\[\d+\]|\n|$)/g)].map((m) => ({ label: m[2]!.trim(), typed: m[1]! }));
    // Lines are wrapped at the terminal's width: a sentence cut across two lines is read as one.
    return { text: text.replace(/ *\n+ */g, " "), buttons: shown };
  }

  return {
    async start() {
      const { bot } = await testBot();
      done = runConsoleChat({ bot, input, output, locale: "en", interactive: false, charts: new ConsoleCharts(await tempDir("charts-")) });
    },
    async stop() {
      input.end();
      await done;
    },
    ask: type,
    press(button) {
      return type(button.typed ?? "");
    },
  };
}

adapterContract("console", consoleDriver);
