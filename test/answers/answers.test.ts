import { describe, expect, it } from "vitest";
import { ANSWER_INTENTS, answer } from "../../src/answers/answer.js";
import { KEY_MISSIONS } from "../../src/answers/role-facts.js";
import type { Block, Reply } from "../../src/answers/reply.js";
import { LOCALES } from "../../src/catalog/schema.js";
import { shippedCatalog } from "../helpers.js";

const blocksOf = <T extends Block["type"]>(reply: Reply, type: T) => reply.blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);
const text = (reply: Reply) => JSON.stringify(reply.blocks);

describe("template answers", () => {
  it.each(ANSWER_INTENTS.flatMap((intent) => LOCALES.map((locale) => [intent, locale] as const)))("%s in %s speaks of the role asked about, in its language", async (intent, locale) => {
    const catalog = await shippedCatalog();
    const roles = ["training-manager", "digital-learning-manager"];
    const reply = answer(catalog, { intent, locale, roles });
    if (intent.startsWith("role.") && intent !== "role.list") expect(reply.fallbackText).toContain(catalog.get(roles[0]!).names[locale]);
    const other = locale === "fr" ? "Training Manager" : "Responsable formation";
    expect(text(reply)).not.toContain(other);
  });

  it("describes a role in short: its summary and key missions, cited with publisher, title and year", async () => {
    const catalog = await shippedCatalog();
    const role = catalog.get("learning-architect");
    const reply = answer(catalog, { intent: "role.describe", roles: [role.id], locale: "fr" });
    expect(text(reply)).toContain(role.summary.fr);
    role.missions.forEach((mission, i) => (i < KEY_MISSIONS ? expect(text(reply)).toContain(mission.text.fr) : expect(text(reply)).not.toContain(mission.text.fr)));
    for (const fact of role.outlook) expect(text(reply)).not.toContain(fact.text.fr);
    const sources = blocksOf(reply, "sources")[0]!.items.join("\n");
    const source = role.sources[0]!;
    expect(sources).toContain(source.publisher);
    expect(sources).toContain(source.title);
    expect(sources).toContain(String(source.year));
  });

  it.each(LOCALES)("cites sources in %s: the catalogue's own notices in that language, quoted as it quotes, headed in it", async (locale) => {
    const catalog = await shippedCatalog();
    const other = locale === "fr" ? "en" : "fr";
    for (const role of catalog.roles()) {
      const block = blocksOf(answer(catalog, { intent: "role.describe", roles: [role.id], locale }), "sources")[0]!;
      expect(block.heading).toBe(locale === "fr" ? "Sources\u00a0:" : "Sources:");
      const items = block.items.join("\n");
      for (const source of role.sources) {
        if (typeof source.title === "string") continue;
        expect(items).toContain(source.title[locale]);
        expect(items).not.toContain(source.title[other]);
      }
      expect(items).not.toMatch(locale === "fr" ? /[“”]/ : /[«»]/);
    }
  });

  it("gives every mission and where the role is going on request, with their source", async () => {
    const catalog = await shippedCatalog();
    const role = catalog.get("learning-architect");
    const short = answer(catalog, { intent: "role.describe", roles: [role.id], locale: "fr" });
    const button = blocksOf(short, "buttons")[0]!.buttons[0]!;
    expect(button).toEqual(expect.objectContaining({ label: "Toutes les missions", actionId: "role.missions", value: role.id }));
    const details = answer(catalog, { intent: "role.missions", roles: [button.value], locale: "fr" });
    for (const mission of role.missions) expect(text(details)).toContain(mission.text.fr);
    for (const fact of role.outlook) expect(text(details)).toContain(fact.text.fr);
    expect(blocksOf(details, "sources")[0]!.items.join("\n")).toContain(role.sources[0]!.title);
    expect(blocksOf(details, "buttons")[0]!.buttons.map((b) => b.actionId)).not.toContain("role.missions");
  });

  it("offers follow-up buttons carrying the role", async () => {
    const catalog = await shippedCatalog();
    const reply = answer(catalog, { intent: "role.describe", roles: ["digital-learning-manager"], locale: "en" });
    const buttons = blocksOf(reply, "buttons").flatMap((b) => b.buttons);
    expect(buttons.map((b) => b.actionId)).toEqual(["role.missions", "role.skills", "role.path", "role.profile", "role.compare", "assessment.start"]);
    expect(buttons.find((b) => b.actionId === "role.skills")!.value).toBe("digital-learning-manager");
  });

  it("lists every skill with its target level on the published scale", async () => {
    const catalog = await shippedCatalog();
    const role = catalog.get("digital-learning-manager");
    const reply = answer(catalog, { intent: "role.skills", roles: [role.id], locale: "en" });
    for (const skill of role.skills) {
      const label = catalog.scale.levels[skill.targetLevel - 1]!.label.en;
      expect(text(reply)).toContain(`*${skill.name.en}, target ${skill.targetLevel}/5 (${label})*: ${skill.covers.en}`);
    }
  });

  it("gives the training path in order with its total duration", async () => {
    const catalog = await shippedCatalog();
    const role = catalog.get("learning-designer");
    const reply = answer(catalog, { intent: "role.path", roles: [role.id], locale: "en" });
    const positions = role.trainingPath.map((m) => text(reply).indexOf(m.title.en));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const hours = role.trainingPath.reduce((sum, m) => sum + m.durationHours, 0);
    expect(text(reply)).toContain(`${hours} hours in all`);
  });

  it("names the skills to grow on a career move from another role", async () => {
    const catalog = await shippedCatalog();
    const target = catalog.get("learning-architect");
    const current = catalog.get("expert-trainer");
    const reply = answer(catalog, { intent: "role.path", roles: [target.id, current.id], locale: "en" });
    const held = new Set(current.skills.map((s) => s.id));
    const missing = target.skills.find((s) => !held.has(s.id))!;
    expect(text(reply)).toContain(`• ${missing.name.en}`);
  });

  it("compares two roles by shared and specific skills", async () => {
    const catalog = await shippedCatalog();
    const reply = answer(catalog, { intent: "role.compare", roles: ["digital-learning-manager", "training-manager"], locale: "fr" });
    expect(blocksOf(reply, "header")[0]!.text).toContain("Digital Learning Manager");
    expect(blocksOf(reply, "header")[0]!.text).toContain(catalog.get("training-manager").names.fr);
    expect(text(reply)).toContain("Compétences communes");
  });

  it("gives the study's figures with population, year and source", async () => {
    const catalog = await shippedCatalog();
    const role = catalog.get("digital-learning-manager");
    const reply = answer(catalog, { intent: "role.profile", roles: [role.id], locale: "en" });
    const fields = blocksOf(reply, "fields")[0]!.fields;
    expect(fields.map((f) => f.label)).toEqual(role.profile.map((f) => f.figure));
    expect(fields[0]!.value).toContain("2016");
  });

  it("says honestly when a role has no figures", async () => {
    const catalog = await shippedCatalog();
    const reply = answer(catalog, { intent: "role.profile", roles: ["expert-trainer"], locale: "en" });
    expect(text(reply)).toContain("holds no figures");
  });

  it("marks sample content as such", async () => {
    const catalog = await shippedCatalog();
    const reply = answer(catalog, { intent: "role.describe", roles: ["training-manager"], locale: "en" });
    expect(blocksOf(reply, "sources")[0]!.items.join(" ")).toMatch(/sample content/);
  });

  it("offers close roles when the question was not understood", async () => {
    const catalog = await shippedCatalog();
    const reply = answer(catalog, { intent: "unknown", roles: [], locale: "en", suggestions: ["learning-architect"] });
    expect(text(reply)).toContain("Did you mean");
    expect(blocksOf(reply, "buttons")[0]!.buttons[0]).toMatchObject({ actionId: "role.describe", value: "learning-architect" });
  });
});

describe("the role list on a large catalogue", () => {
  it("lists the first roles, says how many more there are, and stays short", async () => {
    const { generatedCatalog } = await import("../../bench/generated-catalog.js");
    const catalog = generatedCatalog(await shippedCatalog(), 200);
    const reply = answer(catalog, { intent: "role.list", roles: [], locale: "en" });
    const section = blocksOf(reply, "section")[0]!;
    expect(section.text.split("\n")).toHaveLength(30);
    expect(text(reply)).toContain("and 170 more");
    expect(blocksOf(reply, "buttons")[0]!.buttons).toHaveLength(10);
  });
});
