import { describe, expect, it } from "vitest";
import { answer } from "../../src/answers/answer.js";
import { KEY_MISSIONS } from "../../src/answers/role-facts.js";
import { LOCALES } from "../../src/catalog/schema.js";
import { factPrefix, factsFor, PHRASED_INTENTS } from "../../src/phrasing/fact-list.js";
import { digits } from "../../src/phrasing/answer-mentions.js";
import { shippedCatalog } from "../helpers.js";

describe("facts for a role answer", async () => {
  const catalog = await shippedCatalog();
  const roles = catalog.roles();

  it("uses readable, stable ids", () => {
    const la = factsFor(catalog, { intent: "role.skills", roles: ["learning-architect"], locale: "en" })!;
    expect(la.map((f) => f.id)).toContain("la.skill.ai-for-learning");
    const dlm = factsFor(catalog, { intent: "role.profile", roles: ["digital-learning-manager"], locale: "fr" })!;
    expect(dlm.find((f) => f.id === "dlm.profile.2")?.text).toContain(catalog.get("digital-learning-manager").profile[1]!.figure);
    const describe = factsFor(catalog, { intent: "role.describe", roles: ["learning-architect"], locale: "fr" })!;
    expect(describe.find((f) => f.id === "la.mission.1")?.text).toBe(catalog.get("learning-architect").missions[0]!.text.fr);
    expect(factPrefix(catalog, catalog.get("expert-trainer"))).toBe("expert-trainer");
  });

  it("marks the skills two roles share", () => {
    const facts = factsFor(catalog, { intent: "role.compare", roles: ["learning-architect", "digital-learning-manager"], locale: "en" })!;
    expect(facts.map((f) => f.id)).toEqual(expect.arrayContaining(["la.name", "dlm.name", "both.skill.learning-design", "la.skill.ai-for-learning", "dlm.skill.team-enablement"]));
    expect(facts.map((f) => f.id)).not.toContain("la.skill.learning-design");
  });

  it("gives the skills to grow on a path from one role to another", () => {
    const facts = factsFor(catalog, { intent: "role.path", roles: ["learning-architect", "learning-designer"], locale: "en" })!;
    const ids = facts.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(["la.name", "lxd.name", "la.move.learning-designer", "la.gap.ai-for-learning", "la.path.total"]));
    expect(ids).not.toContain("la.gap.learning-design");
  });

  it("gives a description's facts as its short answer shows them: summary and key missions, and nothing for its details", () => {
    const ids = factsFor(catalog, { intent: "role.describe", roles: ["learning-architect"], locale: "en" })!.map((f) => f.id);
    expect(ids).toEqual(["la.name", "la.summary", ...Array.from({ length: KEY_MISSIONS }, (_, i) => `la.mission.${i + 1}`)]);
    expect(factsFor(catalog, { intent: "role.missions", roles: ["learning-architect"], locale: "en" })).toBeUndefined();
  });

  it("has nothing to phrase outside the role intents or without a known role", () => {
    expect(factsFor(catalog, { intent: "help", roles: [], locale: "en" })).toBeUndefined();
    expect(factsFor(catalog, { intent: "role.describe", roles: ["no-such-role"], locale: "en" })).toBeUndefined();
  });

  const cases = roles.flatMap((role) =>
    [...PHRASED_INTENTS].flatMap((intent) =>
      LOCALES.map((locale) => ({ intent, locale, roles: intent === "role.compare" || intent === "role.path" ? [role.id, role.related[0]!] : [role.id] })),
    ),
  );

  it.each(cases)("$intent $roles $locale: unique ids, and every figure the template shows is a fact", ({ intent, locale, roles: ids }) => {
    const request = { intent, roles: ids, locale };
    const facts = factsFor(catalog, request)!;
    expect(facts.length).toBeGreaterThan(1);
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
    for (const fact of facts) expect(fact.text.trim()).not.toBe("");
    // The phrased answer may only repeat figures from the facts, so the facts must hold the template's figures.
    const templateText = answer(catalog, request)
      .blocks.map((b) => (b.type === "section" || b.type === "text" ? b.text : b.type === "fields" ? b.fields.map((f) => `${f.label}\n${f.value}`).join("\n") : ""))
      .join("\n");
    // A numbered list's markers ("1. ", "2) ") order the modules; they state nothing.
    const figures = (text: string) => digits(text.replace(/^\s*\d{1,2}[.)]\s+/gmu, " ")).map((n) => n.replace(",", "."));
    const factNumbers = new Set(figures(facts.map((f) => f.text).join(" ")));
    const missing = figures(templateText).filter((n) => !factNumbers.has(n));
    expect(missing).toEqual([]);
  });
});
