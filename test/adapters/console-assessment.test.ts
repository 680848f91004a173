import { existsSync, readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { consoleCharts, ConsoleCharts } from "../../adapters/console/console-charts.js";
import { runConsoleChat } from "../../adapters/console/console-chat.js";
import type { Locale } from "../../src/catalog/schema.js";
import { messages } from "../../src/i18n/messages.js";
import { Capture, tempDir, testBot } from "../helpers.js";
import { typesetFrench } from "../../src/i18n/french-typography.js";

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
    expect(text).toContain("[5] 5  [passer] Passer  [arrêter] Arrêter");
    expect(text).toContain(typesetFrench(`Votre auto-évaluation : ${role.names.fr}`));
    const png = /\(PNG: (.+\.png)\)/.exec(text)?.[1];
    expect(png).toBeDefined();
    expect(readFileSync(png!).subarray(1, 4).toString("latin1")).toBe("PNG");
    // Text bars stand in for the picture in the terminal itself, with the rating and the target in words.
    expect(text).toMatch(/█+░*\s+vous\u00a0: 3 · cible\u00a0: \d/);
  });

  it.each([
    ["en", "assess me against learning designer"],
    ["fr", "évaluer mes compétences de concepteur pédagogique"],
  ] as const)("keeps numbers for levels: 6 and 7 get the scale, skip and stop are pressed by their word (%s)", async (locale, start) => {
    const { bot, catalog } = await testBot();
    const role = catalog.get("learning-designer");
    const m = messages(locale).assessment;
    const output = new Capture();
    const lines = [start, "6", "7", m.typed.skip, "3", m.typed.stop];
    await runConsoleChat({ bot, input: PassThrough.from([`${lines.join("\n")}\n`]), output, locale, interactive: false, charts: new ConsoleCharts(await tempDir("charts-")) });
    // Read as sentences: the terminal's lines are wrapped at 80 columns, the width of an output that is no terminal.
    const text = output.text.replace(/ *\n+ */g, " ");
    expect(text).toContain(`[5] 5  [${m.typed.skip}] ${m.skip}  [${m.typed.stop}] ${m.stop}`);
    expect(text).not.toContain("[6]");
    expect(text.split(m.offScale)).toHaveLength(3);
    // The two off-scale numbers left the first skill where it was; the word skipped it, the 3 rated the second.
    const progress = [...text.matchAll(/== (\d+)\/\d+ · /g)].map((match) => match[1]);
    expect(progress).toEqual(["1", "1", "1", "2", "3"]);
    expect(text).toContain(m.stopped(1));
    expect(text).toContain(m.unratedSkills(role.skills.filter((_, i) => i !== 1).map((s) => s.name[locale])));
  });
});

describe("the console's chart files", () => {
  it.each([
    ["en", "delete my data\n1\n"],
    ["en", "delete my data\nyes\n"],
    ["fr", "supprime mes données\noui\n"],
  ] as const)("are erased with the user's data (%s: %j), and another user's stay", async (locale: Locale, deletion) => {
    const parcours = await testBot();
    const charts = consoleCharts(parcours.erasure, await tempDir("charts-"));
    const run = async (userId: string, lines: string) => {
      const output = new Capture();
      await runConsoleChat({ bot: parcours.bot, input: PassThrough.from([lines]), output, locale, interactive: false, charts, userId });
      return { png: /\(PNG: (.+\.png)\)/.exec(output.text)?.[1], text: output.text };
    };
    const assessment = `assess me against SME trainer\n${"3\n".repeat(parcours.catalog.get("expert-trainer").skills.length)}`;
    const mine = (await run("me", assessment)).png;
    const theirs = (await run("them", assessment)).png;
    expect(mine && existsSync(mine)).toBe(true);
    expect((await run("me", deletion)).text).toContain(messages(locale).data.done);
    expect(existsSync(mine!)).toBe(false);
    expect(existsSync(theirs!)).toBe(true);
  });
});
