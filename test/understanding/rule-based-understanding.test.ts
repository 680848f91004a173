import { beforeAll, describe, expect, it } from "vitest";
import { RuleBasedUnderstanding } from "../../src/understanding/rule-based-understanding.js";
import { shippedCatalog } from "../helpers.js";

let understanding: RuleBasedUnderstanding;
beforeAll(async () => {
  understanding = new RuleBasedUnderstanding(await shippedCatalog());
});

describe("RuleBasedUnderstanding", () => {
  it.each([
    ["what does a Learning Architect do?", "role.describe", ["learning-architect"], "en"],
    ["c'est quoi un Digital Learning Manager ?", "role.describe", ["digital-learning-manager"], "fr"],
    ["how do I become a learning designer?", "role.path", ["learning-designer"], "en"],
    ["CEST QUOI UN ARCHITECTE PEDAGOGIQUE", "role.describe", ["learning-architect"], "fr"],
    ["quelles compétences pour un DLM ?", "role.skills", ["digital-learning-manager"], "fr"],
    ["difference between a DLM and a RF", "role.compare", ["digital-learning-manager", "training-manager"], "en"],
    ["c'est quoi un LA ?", "role.describe", ["learning-architect"], "fr"],
  ] as const)("%s", (text, intent, roles, locale) => {
    const got = understanding.understand(text);
    expect(got).toMatchObject({ intent, roles: [...roles], locale });
    expect(got.confidence).toBeGreaterThan(0.5);
  });

  it("recognises role names with typos", () => {
    expect(understanding.understand("what does a learnig architect do").roles).toEqual(["learning-architect"]);
    expect(understanding.understand("digital lerning manager").roles).toEqual(["digital-learning-manager"]);
  });

  it("puts the target role first in a career move", () => {
    const got = understanding.understand("je suis formateur occasionnel, comment devenir learning architect ?");
    expect(got.intent).toBe("role.path");
    expect(got.roles).toEqual(["learning-architect", "expert-trainer"]);
  });

  it("prefers the longest name: 'responsable formation digitale' is the DLM", () => {
    expect(understanding.understand("c'est quoi un responsable formation digitale").roles).toEqual(["digital-learning-manager"]);
  });

  it.each(["what does a software architect do?", "c'est quoi un architecte réseau ?", "what's a product manager"])(
    "never invents a role: %s",
    (text) => {
      const got = understanding.understand(text);
      expect(got.intent).toBe("unknown");
      expect(got.roles).toEqual([]);
    },
  );

  it("suggests close roles for an unknown one", () => {
    expect(understanding.understand("what does a software architect do?").suggestions).toContain("learning-architect");
  });

  it("never reads the French article 'la' as the Learning Architect", () => {
    const got = understanding.understand("c'est quoi la formation continue ?");
    expect(got.roles).toEqual([]);
    expect(got.intent).toBe("unknown");
  });

  it("reports a role question without a role as that intent with no role, for the conversation to supply", () => {
    expect(understanding.understand("and its skills?")).toMatchObject({ intent: "role.skills", roles: [] });
  });

  it("uses the fallback locale when the text does not tell", () => {
    expect(understanding.understand("DLM", { fallbackLocale: "fr" }).locale).toBe("fr");
    expect(understanding.understand("DLM", { fallbackLocale: "en" }).locale).toBe("en");
  });

  it("reads only the start of a huge message", () => {
    const got = understanding.understand(`${"blah ".repeat(5000)} learning architect`);
    expect(got.intent).toBe("unknown");
  });
});

describe("questions that look like other intents", () => {
  it.each([
    ["how do I evaluate a training course as a learning designer?", "assessment.start"],
    ["un DLM doit-il savoir communiquer ?", "announcement.create"],
    ["what does the survey say about DLMs?", "survey.start"],
  ])("%s is a role question, not %s", (text, notIntent) => {
    const got = understanding.understand(text);
    expect(got.intent).not.toBe(notIntent);
    expect(got.intent.startsWith("role.")).toBe(true);
  });

  it("answers about the target role when the current one is named too", () => {
    expect(understanding.understand("I'm a DLM, what skills do I need to become a learning architect?")).toMatchObject({
      intent: "role.skills",
      roles: ["learning-architect", "digital-learning-manager"],
    });
  });

  it("reads LA as the article in a message typed in capitals", () => {
    expect(understanding.understand("C'EST QUOI LA FORMATION ?").roles).toEqual([]);
  });

  it("does not answer a salary question with a role description", () => {
    expect(understanding.understand("how much does a DLM earn?").intent).toBe("unknown");
    expect(understanding.understand("diffuser le programme à tous les salariés").intent).toBe("announcement.create");
  });
});

describe("abbreviations typed in lower case", () => {
  it("are read after an article, except 'la'", () => {
    expect(understanding.understand("c koi un rf").roles).toEqual(["training-manager"]);
    expect(understanding.understand("what is a la").roles).toEqual([]);
    expect(understanding.understand("rf").roles).toEqual([]);
  });
});
