import { existsSync, readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConsoleCharts } from "../../adapters/console/console-charts.js";
import { runConsoleChat } from "../../adapters/console/console-chat.js";
import { Capture, tempDir, testBot } from "../helpers.js";

describe("self-assessment in the console", () => {
  it("runs a whole assessment from typed lines and numbers, and writes the chart as a PNG", async () => {
    const { bot, catalog } = await testBot();
    const role = catalog.get("learning-designer");
    const chartDir = await tempDir("charts-");
    const output = new Capture();
    const answers = role.skills.map((_, i) => (i % 2 === 0 ? "trois" : "5"));
    const input = PassThrough.from([`évaluer mes compétences de concepteur pédagogique\n${answers.join("\n")}\n`]);
    await runConsoleChat({ bot, input, output, locale: "fr", interactive: false, charts: new ConsoleCharts(chartDir) });
    const text = output.text;
    expect(text).toContain(`1/${role.skills.length} · ${role.skills[0]!.name.fr}`);
    expect(text).toContain("[6] Passer");
    expect(text).toContain(`Votre auto-évaluation : ${role.names.fr}`);
    const png = /\(PNG: (.+\.png)\)/.exec(text)?.[1];
    expect(png).toBeDefined();
    expect(readFileSync(png!).subarray(1, 4).toString("latin1")).toBe("PNG");
    // Text bars stand in for the picture in the terminal itself.
    expect(text).toMatch(/█+░*\s+3\/\d/);
  });
});

describe("the console's chart files", () => {
  it("are erased with the user's data, and another user's stay", async () => {
    const parcours = await testBot();
    const charts = new ConsoleCharts(await tempDir("charts-"));
    parcours.erasure.register("console charts", (subject) => charts.erase(subject));
    const run = async (userId: string, lines: string) => {
      const output = new Capture();
      await runConsoleChat({ bot: parcours.bot, input: PassThrough.from([lines]), output, locale: "en", interactive: false, charts, userId });
      return /\(PNG: (.+\.png)\)/.exec(output.text)?.[1];
    };
    const assessment = `assess me against SME trainer\n${"3\n".repeat(parcours.catalog.get("expert-trainer").skills.length)}`;
    const mine = await run("me", assessment);
    const theirs = await run("them", assessment);
    expect(mine && existsSync(mine)).toBe(true);
    await run("me", "delete my data\n1\n");
    expect(existsSync(mine!)).toBe(false);
    expect(existsSync(theirs!)).toBe(true);
  });
});
