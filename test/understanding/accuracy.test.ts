import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { RuleBasedUnderstanding } from "../../src/understanding/rule-based-understanding.js";
import { INTENTS } from "../../src/understanding/understanding.js";
import { shippedCatalog } from "../helpers.js";

interface Labelled {
  text: string;
  intent: string;
  roles: string[];
  locale: "fr" | "en";
}

const readSet = (name: string): Labelled[] =>
  readFileSync(new URL(`../fixtures/understanding/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Labelled);

/** The labelled set tunes the cues; the held-out set, written apart from the code, checks they generalise. */
const labelled = readSet("labelled-questions.jsonl");
const heldOut = readSet("held-out-questions.jsonl");
const blind = readSet("blind-questions.jsonl");
const blind2 = readSet("blind-2-questions.jsonl");
const blind3 = readSet("blind-3-questions.jsonl");

describe("understanding accuracy on the labelled set", () => {
  let understanding: RuleBasedUnderstanding;
  beforeAll(async () => {
    understanding = new RuleBasedUnderstanding(await shippedCatalog());
  });

  it("has a broad labelled set using only known intents", async () => {
    const catalog = await shippedCatalog();
    expect(labelled.length).toBeGreaterThanOrEqual(200);
    for (const item of [...labelled, ...heldOut, ...blind, ...blind2, ...blind3]) {
      expect(INTENTS).toContain(item.intent);
      for (const role of item.roles) expect(catalog.find(role), role).toBeDefined();
    }
  });

  function evaluate(set: Labelled[]) {
    const perIntent = new Map<string, { right: number; total: number }>();
    const misses: string[] = [];
    let right = 0;
    let localeRight = 0;
    for (const item of set) {
      const got = understanding.understand(item.text);
      const ok = got.intent === item.intent && JSON.stringify(got.roles) === JSON.stringify(item.roles);
      const stats = perIntent.get(item.intent) ?? { right: 0, total: 0 };
      stats.total++;
      if (ok) {
        stats.right++;
        right++;
      } else {
        misses.push(`  ${JSON.stringify(item.text)}: expected ${item.intent} ${item.roles.join(",")}, got ${got.intent} ${got.roles.join(",")}`);
      }
      if (got.locale === item.locale) localeRight++;
      perIntent.set(item.intent, stats);
    }
    const rows = [...perIntent.entries()].sort().map(([intent, s]) => `  ${intent.padEnd(20)} ${((100 * s.right) / s.total).toFixed(1).padStart(5)}%  (${s.right}/${s.total})`);
    return { accuracy: right / set.length, localeAccuracy: localeRight / set.length, report: `${rows.join("\n")}${misses.length ? `\nMisses:\n${misses.join("\n")}` : ""}` };
  }

  it.each([
    ["labelled", labelled, 0.95],
    ["held-out", heldOut, 0.9],
    ["blind", blind, 0.9],
    ["blind-2", blind2, 0.9],
    ["blind-3", blind3, 0.9],
  ] as const)("gets intent and roles jointly right on the %s set", (name, set, threshold) => {
    const { accuracy, localeAccuracy, report } = evaluate(set);
    console.log(`${name}: joint intent+roles accuracy ${(100 * accuracy).toFixed(1)}% of ${set.length}; locale ${(100 * localeAccuracy).toFixed(1)}%\n${report}`);
    expect(accuracy).toBeGreaterThanOrEqual(threshold);
    expect(localeAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
