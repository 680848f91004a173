import { describe, expect, it } from "vitest";
import { offScale, parseAnswer, typedLocale } from "../../src/assessment/rating-parser.js";

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

  it.each(["6", "7", "0", "10", "niveau 6", "level 7", "6/5"])("%s is a number off the scale", (text) => {
    expect(parseAnswer(text)).toEqual({ kind: "other" });
    expect(offScale(text)).toBe(true);
  });

  it.each(["3", "trois", "banana", "c'est quoi un DLM ?"])("%s is not a number off the scale", (text) => {
    expect(offScale(text)).toBe(false);
  });

  it.each([
    ["trois", "fr"], ["passer", "fr"], ["arrêter", "fr"], ["je dirais 4", "fr"], ["ça veut dire quoi ?", "fr"],
    ["three", "en"], ["skip", "en"], ["cancel", "en"], ["I'd say 4", "en"], ["what does this skill mean?", "en"],
  ])("%s is said in %s", (text, locale) => {
    expect(typedLocale(text)).toBe(locale);
  });

  it.each(["3", "4/5", "expert", "stop", "banana", "?"])("%s says nothing of its language", (text) => {
    expect(typedLocale(text)).toBeUndefined();
  });
});
