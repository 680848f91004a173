import { describe, expect, it } from "vitest";
import { parseAnswer } from "../../src/assessment/rating-parser.js";

describe("typed answers to a rating question", () => {
  it.each([
    ["3", 3], ["trois", 3], ["three", 3], ["3/5", 3], ["niveau 4", 4], ["level 2", 2], ["expert", 5], ["Débutant", 1],
    ["intermédiaire", 3], ["je suis débutante", 1], ["i'm a beginner", 1], ["avancé", 4], ["je dirais trois", 3],
  ])("%s is level %i", (text, level) => {
    expect(parseAnswer(text)).toEqual({ kind: "level", level });
  });

  it.each(["skip", "passer", "je ne sais pas", "I don't know"])("%s skips", (text) => {
    expect(parseAnswer(text)).toEqual({ kind: "skip" });
  });

  it.each(["stop", "annuler", "Cancel", "arrêter"])("%s stops", (text) => {
    expect(parseAnswer(text)).toEqual({ kind: "stop" });
  });

  it.each(["un DLM ?", "une question", "one sec", "expertise ?", "6", "0", "3 ou 4", "c'est quoi un DLM ?", ""])("%s is not a rating", (text) => {
    expect(parseAnswer(text)).toEqual({ kind: "other" });
  });
});
