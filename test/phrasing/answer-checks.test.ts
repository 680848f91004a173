import { describe, expect, it } from "vitest";
import type { AnswerRequest } from "../../src/answers/answer.js";
import { answerProblems } from "../../src/phrasing/answer-checks.js";
import { CatalogueTerms } from "../../src/phrasing/catalogue-terms.js";
import { factsFor } from "../../src/phrasing/fact-list.js";
import { shippedCatalog } from "../helpers.js";

const catalog = await shippedCatalog();
const terms = new CatalogueTerms(catalog);

function reasons(request: AnswerRequest, answer: string, ids?: string[]) {
  const facts = factsFor(catalog, request)!;
  return answerProblems({ answer, used_fact_ids: ids ?? [facts[0]!.id] }, { facts, locale: request.locale, roleIds: request.roles, terms }).map((p) => p.reason);
}

const DLM_PROFILE_FR: AnswerRequest = { intent: "role.profile", roles: ["digital-learning-manager"], locale: "fr" };
const DLM_PROFILE_EN: AnswerRequest = { ...DLM_PROFILE_FR, locale: "en" };
const LA_DESCRIBE_FR: AnswerRequest = { intent: "role.describe", roles: ["learning-architect"], locale: "fr" };
const LA_PATH_EN: AnswerRequest = { intent: "role.path", roles: ["learning-architect"], locale: "en" };

describe("checks on a phrased answer", () => {
  it("accepts figures the facts give, in digits or in words, with percentages in either spelling", () => {
    expect(reasons(DLM_PROFILE_FR, "Environ quarante digital learning managers ont répondu, et près de 80 % d'entre eux sont des femmes.")).toEqual([]);
    expect(reasons(DLM_PROFILE_EN, "Around 40 digital learning managers answered; close to four in five of them, 80 per cent, are women.")).toEqual([]);
  });

  it("rejects a figure the facts do not give, and a year they do not give", () => {
    expect(reasons(DLM_PROFILE_FR, "Près de 85 % des digital learning managers sont des femmes.")).toEqual(["invented-number"]);
    expect(reasons(DLM_PROFILE_EN, "Since 2019, close to four in five digital learning managers are women.")).toEqual(["invented-number"]);
    expect(reasons(DLM_PROFILE_EN, "About fifty digital learning managers answered the study.")).toEqual(["invented-number"]);
  });

  it("does not take list numbering for figures, but does take a computed total", () => {
    expect(reasons(LA_PATH_EN, "The path to Learning Architect has 6 modules:\n1. AI and adaptive learning paths\n2. Leading with learning data")).not.toContain("invented-number");
    expect(reasons(LA_PATH_EN, "The path to Learning Architect takes 73 hours in all.")).toEqual(["invented-number"]);
  });

  it("accepts another catalogue name of the role asked about, and rejects another role's abbreviation", () => {
    expect(reasons(LA_DESCRIBE_FR, "L'architecte pédagogique convertit les orientations de l'entreprise en dispositifs d'apprentissage cohérents.")).toEqual([]);
    expect(reasons(LA_DESCRIBE_FR, "Comme un DLM, le Learning Architect convertit les orientations de l'entreprise en dispositifs cohérents.")).toEqual(["invented-role"]);
  });

  it("rejects another catalogue role named in French, plural included", () => {
    expect(reasons(LA_DESCRIBE_FR, "Le Learning Architect travaille avec les responsables formation pour concevoir des dispositifs cohérents.")).toEqual(["invented-role"]);
  });

  it("rejects a bare domain as a link", () => {
    expect(reasons(LA_DESCRIBE_FR, "Le Learning Architect conçoit des dispositifs cohérents ; voir exemple.fr pour en savoir plus.")).toEqual(["invented-link"]);
  });

  it("rejects self-talk of a model", () => {
    expect(reasons(DLM_PROFILE_EN, "As an AI language model, I can say that close to four in five digital learning managers are women.")[0]).toBe("injection-echo");
  });

  it("reports every problem, not only the first", () => {
    expect(reasons(LA_DESCRIBE_FR, "Visit https://x.example.com: the Training Manager leads 12 teams.", ["nope"])).toEqual([
      "unknown-fact-id",
      "wrong-language",
      "invented-link",
      "invented-number",
      "invented-role",
    ]);
  });
});
