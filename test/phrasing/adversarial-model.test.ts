import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer } from "../../src/answers/answer.js";
import type { RoleCatalog } from "../../src/catalog/role-catalog.js";
import type { Reply } from "../../src/answers/reply.js";
import { factsFor } from "../../src/phrasing/fact-list.js";
import { catalogueWordsOf, publishersOf, SlottedFacts, SLOT_TOKEN } from "../../src/phrasing/fact-slots.js";
import type { FallbackReason } from "../../src/phrasing/phrasing-stats.js";
import { CASES, FAITHFUL, INVENTIONS, type AdversarialCase } from "./adversarial-cases.js";
import { FakeOpenAiServer } from "./fake-openai-server.js";
import { scriptedCase } from "./phrasing-harness.js";

/*
 * The proof issue 14 asks for: a fake model that invents on purpose, in the ways real models do,
 * and one that rewords faithfully. Every invention must leave the template reply exactly as it
 * was, its reason counted; at least nine faithful rewordings in ten must be shown, with the
 * values Parcours writes into their slots.
 */

/** What one case gave: shown or not, and why not. */
interface Outcome {
  testCase: AdversarialCase;
  shown: boolean;
  reasons: FallbackReason[];
  detail: string;
}

const KEPT_SHARE = 0.9;

/** The bar the issue sets: every invention caught, nine faithful rewordings in ten kept. */
function meetsTheBar(outcomes: readonly Outcome[]): { caught: number; inventions: number; kept: number; faithful: number; passes: boolean } {
  const inventions = outcomes.filter((o) => o.testCase.kind === "invention");
  const faithful = outcomes.filter((o) => o.testCase.kind === "faithful");
  const caught = inventions.filter((o) => !o.shown).length;
  const kept = faithful.filter((o) => o.shown).length;
  return { caught, inventions: inventions.length, kept, faithful: faithful.length, passes: inventions.length > 0 && caught === inventions.length && kept >= KEPT_SHARE * faithful.length };
}

/** The text a faithful answer is shown as: its sentences, slots filled with the catalogue's values. */
function filled(catalog: RoleCatalog, testCase: AdversarialCase): { text: string; values: string[] } {
  const slotted = new SlottedFacts(factsFor(catalog, testCase.request) ?? [], catalogueWordsOf(catalog), publishersOf(catalog));
  const joined = testCase.sentences.map((sentence) => sentence.text.trim()).join(" ");
  const values = [...joined.matchAll(SLOT_TOKEN)].map((m) => slotted.slots.get(m[0])?.value ?? m[0]);
  return { text: slotted.fill(joined), values };
}

const textOf = (reply: Reply) => reply.blocks.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("\n");

let server: FakeOpenAiServer;
const outcomes: Outcome[] = [];

beforeAll(async () => {
  server = await new FakeOpenAiServer().start();
});
afterAll(async () => {
  await server.stop();
});

/** Plays one case twice (attempt, for its problems; phrase, for what the user sees) and records what it gave. */
async function play(testCase: AdversarialCase) {
  const { phrasing, catalog: used } = await scriptedCase(server, testCase, 2);
  const attempt = await phrasing.attempt(testCase.request);
  const template = answer(used, testCase.request);
  const phrased = await phrasing.phrase(testCase.request, template);
  const shown = phrased !== template;
  const reasons = attempt.ok ? [] : [...new Set([attempt.reason, ...(attempt.problems ?? []).map((p) => p.reason)])];
  const detail = attempt.ok ? "" : (attempt.problems ?? [{ reason: attempt.reason, detail: attempt.detail }]).map((p) => `${p.reason}: ${p.detail}`).join("; ");
  const outcome: Outcome = { testCase, shown, reasons, detail };
  outcomes.push(outcome);
  return { phrasing, catalog: used, attempt, template, phrased, outcome };
}

describe("an adversarial model against the phrasing checks (issue 14)", () => {
  it("has the corpus the issue asks for: every class in both languages, 40+ inventions, 40+ faithful rewordings", () => {
    expect(INVENTIONS.length).toBeGreaterThanOrEqual(40);
    expect(FAITHFUL.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    for (const locale of ["en", "fr"] as const) {
      expect(FAITHFUL.filter((c) => c.request.locale === locale).length).toBeGreaterThanOrEqual(20);
      for (const intent of ["role.describe", "role.skills", "role.path", "role.compare", "role.profile"]) {
        expect(FAITHFUL.some((c) => c.request.locale === locale && c.request.intent === intent), `faithful ${intent} ${locale}`).toBe(true);
      }
    }
    const issueClasses = [
      "figure swapped between claims", "wrong proportion in words", "number in words", "vague quantity", "invented date",
      "invented name, lower case", "skill outside the catalogue", "role swapped", "skills misattributed in a comparison", "negation",
      "invented link", "wrong language, mid-answer", "planted instruction obeyed", "claimed but unused fact ids",
    ];
    for (const klass of issueClasses) {
      for (const locale of ["en", "fr"] as const) {
        expect(INVENTIONS.some((c) => c.class === klass && c.request.locale === locale || (klass === "wrong language, mid-answer" && c.class.startsWith("wrong language") && c.request.locale === locale)), `${klass} (${locale})`).toBe(true);
      }
    }
  });

  it.each(INVENTIONS.map((c) => [c.name, c] as const))("invention: %s — falls back to the template, its reason counted", async (_name, testCase) => {
    const { phrasing, attempt, template, phrased, outcome } = await play(testCase);
    expect(attempt.ok, `shown: ${attempt.ok ? attempt.shown.text : ""}`).toBe(false);
    expect(phrased).toBe(template);
    expect(phrasing.stats.phrased).toBe(0);
    expect(phrasing.stats.fallbackTotal).toBe(1);
    if (!attempt.ok) expect(phrasing.stats.fallbacks[attempt.reason]).toBe(1);
    if (testCase.expect) expect(outcome.reasons.filter((r) => testCase.expect!.includes(r)), `reasons found: ${outcome.reasons.join(", ")} (${outcome.detail})`).not.toEqual([]);
  });

  it.each(FAITHFUL.map((c) => [c.name, c] as const))("faithful: %s — shown with the values Parcours writes in, when kept", async (_name, testCase) => {
    const { catalog, phrased, phrasing, outcome } = await play(testCase);
    if (!outcome.shown) {
      // Counted against the nine-in-ten below, not failed here; the reason is in the table.
      expect(phrasing.stats.fallbackTotal).toBe(1);
      return;
    }
    const { text, values } = filled(catalog, testCase);
    expect(textOf(phrased)).toContain(text);
    expect(textOf(phrased)).not.toMatch(SLOT_TOKEN);
    for (const value of values) expect(textOf(phrased)).toContain(value);
    expect(phrasing.stats.phrased).toBe(1);
    expect(phrasing.stats.fallbackTotal).toBe(0);
  });

  it("catches every invention and keeps at least nine faithful rewordings in ten; neither a reject-all nor an accept-all checker would", () => {
    expect(outcomes).toHaveLength(INVENTIONS.length + FAITHFUL.length);
    printTable(outcomes);
    const bar = meetsTheBar(outcomes);
    const missed = outcomes.filter((o) => o.testCase.kind === "invention" && o.shown).map((o) => o.testCase.name);
    const rejected = outcomes.filter((o) => o.testCase.kind === "faithful" && !o.shown).map((o) => `${o.testCase.name}: ${o.detail}`);
    expect(missed, "inventions shown").toEqual([]);
    expect(bar.kept, `faithful rewordings rejected:\n${rejected.join("\n")}`).toBeGreaterThanOrEqual(KEPT_SHARE * bar.faithful);
    expect(bar.passes).toBe(true);
    // The same corpus fails a checker that rejects everything, and one that lets everything through.
    expect(meetsTheBar(outcomes.map((o) => ({ ...o, shown: false }))).passes).toBe(false);
    expect(meetsTheBar(outcomes.map((o) => ({ ...o, shown: true }))).passes).toBe(false);
  });
});

/** class → caught (inventions) or kept (faithful), by language, for the record. */
function printTable(all: readonly Outcome[]) {
  const rows = new Map<string, { kind: string; en: [number, number]; fr: [number, number] }>();
  for (const o of all) {
    const row = rows.get(o.testCase.class) ?? { kind: o.testCase.kind, en: [0, 0], fr: [0, 0] };
    const cell = row[o.testCase.request.locale];
    cell[1]++;
    if (o.testCase.kind === "invention" ? !o.shown : o.shown) cell[0]++;
    rows.set(o.testCase.class, row);
  }
  const fmt = ([n, of]: [number, number]) => (of === 0 ? "  -  " : `${n}/${of}`.padStart(5));
  const lines = [...rows].map(([klass, row]) => `${(row.kind === "invention" ? "caught " : "kept   ") + klass.padEnd(42)} en ${fmt(row.en)}   fr ${fmt(row.fr)}`);
  const bar = meetsTheBar(all);
  const wrong = all.filter((o) => (o.testCase.kind === "invention") === o.shown).map((o) => `  ${o.testCase.kind === "invention" ? "MISSED " : "REJECTED"} ${o.testCase.name}${o.detail ? ` — ${o.detail}` : ""}`);
  console.log(
    [
      "adversarial phrasing: class → caught/kept",
      ...lines,
      `inventions caught ${bar.caught}/${bar.inventions}, faithful kept ${bar.kept}/${bar.faithful}`,
      ...wrong,
      "why each invention was caught:",
      ...all.filter((o) => o.testCase.kind === "invention" && !o.shown).map((o) => `  ${o.testCase.name} — ${o.detail}`),
    ].join("\n"),
  );
}
