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

const labelled: Labelled[] = readFileSync(new URL("../fixtures/understanding/labelled-questions.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Labelled);

describe("understanding accuracy on the labelled set", () => {
  let understanding: RuleBasedUnderstanding;
  beforeAll(async () => {
    understanding = new RuleBasedUnderstanding(await shippedCatalog());
  });

  it("has a broad labelled set using only known intents", async () => {
    const catalog = await shippedCatalog();
    expect(labelled.length).toBeGreaterThanOrEqual(200);
    for (const item of labelled) {
      expect(INTENTS).toContain(item.intent);
      for (const role of item.roles) expect(catalog.find(role), role).toBeDefined();
    }
  });

  it("gets intent and roles jointly right for at least 95% of questions", () => {
    const perIntent = new Map<string, { right: number; total: number }>();
    const misses: string[] = [];
    let right = 0;
    let localeRight = 0;
    for (const item of labelled) {
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
    const accuracy = right / labelled.length;
    console.log(`Joint intent+roles accuracy: ${(100 * accuracy).toFixed(1)}% of ${labelled.length}; locale ${((100 * localeRight) / labelled.length).toFixed(1)}%\n${rows.join("\n")}${misses.length ? `\nMisses:\n${misses.join("\n")}` : ""}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    expect(localeRight / labelled.length).toBeGreaterThanOrEqual(0.9);
  });
});
