import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PhrasingAttempt } from "../../src/phrasing/llm-phrasing.js";
import type { AdversarialCase } from "./adversarial-cases.js";
import { FakeOpenAiServer } from "./fake-openai-server.js";
import { scriptedCase } from "./phrasing-harness.js";

/**
 * A second corpus, written by someone who had read the prompt and the facts but not the checks:
 * scored once at first contact (docs/phrasing.md), then tuned on. The bar is the issue's: every
 * invention caught, nine faithful rewordings in ten kept.
 */
const CASES = JSON.parse(readFileSync(new URL("./fresh-adversarial-cases.json", import.meta.url), "utf8")) as AdversarialCase[];

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await new FakeOpenAiServer().start();
});
afterAll(async () => {
  await server.stop();
});

describe("a second adversarial model, written apart from the checks", () => {
  it("has every invention caught and nine faithful rewordings in ten kept", async () => {
    const outcomes: { testCase: AdversarialCase; attempt: PhrasingAttempt }[] = [];
    for (const testCase of CASES) {
      const { phrasing } = await scriptedCase(server, testCase);
      outcomes.push({ testCase, attempt: await phrasing.attempt(testCase.request) });
    }
    const missed = outcomes.filter((o) => o.testCase.kind === "invention" && o.attempt.ok);
    const rejected = outcomes.filter((o) => o.testCase.kind === "faithful" && !o.attempt.ok);
    const faithful = outcomes.filter((o) => o.testCase.kind === "faithful").length;
    const why = (a: PhrasingAttempt) => (a.ok ? "" : (a.problems ?? [a]).map((p) => `${p.reason}: ${p.detail}`).join("; "));
    console.log(
      [
        `inventions caught ${outcomes.length - faithful - missed.length}/${outcomes.length - faithful}, faithful kept ${faithful - rejected.length}/${faithful}`,
        ...missed.map((o) => `  MISSED   ${o.testCase.name} [${o.testCase.class}]`),
        ...rejected.map((o) => `  REJECTED ${o.testCase.name} — ${why(o.attempt)}`),
      ].join("\n"),
    );
    expect(missed.map((o) => o.testCase.name)).toEqual([]);
    expect(faithful - rejected.length).toBeGreaterThanOrEqual(0.9 * faithful);
  }, 120_000);
});
