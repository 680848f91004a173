import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/catalog/schema.js";
import { messages } from "../../src/i18n/messages.js";
import { fr } from "../../src/i18n/fr.js";
import { buttons, chartOf, header, says, started, text } from "./conversation.js";

const LOCALES = ["en", "fr"] as const;
/** What the user says, in each language. */
const SAY: Record<Locale, { assess: string; results: string }> = {
  en: { assess: "assess me against digital learning manager", results: "my results" },
  fr: { assess: "évaluer mes compétences de digital learning manager", results: "mes résultats" },
};

describe("a self-assessment with skills left unrated", () => {
  it.each(LOCALES)("skipping every skill saves no result, says so and offers to start over (%s)", async (locale) => {
    const { say, press, catalog } = await started();
    const role = catalog.get("digital-learning-manager");
    const m = messages(locale);
    await say(SAY[locale].assess);
    let last;
    for (let i = 0; i < role.skills.length; i++) last = await say(m.assessment.typed.skip);
    expect(says(last, m.assessment.nothingRated)).toBe(true);
    expect(says(last, m.assessment.noGaps)).toBe(false);
    expect(chartOf(last)).toBeUndefined();
    const again = buttons(last);
    expect(again).toEqual([{ label: m.assessment.restart, actionId: "assessment.start", value: role.id }]);
    expect(says(await say(SAY[locale].results), m.results.none)).toBe(true);
    expect(header(await press(again[0]!.actionId, again[0]!.value))).toBe(`1/${role.skills.length} · ${role.skills[0]!.name[locale]}`);
  });

  it.each(LOCALES)("stopping before any rating saves nothing, and says so (%s)", async (locale) => {
    const { say } = await started();
    const m = messages(locale);
    await say(SAY[locale].assess);
    await say(m.assessment.typed.skip);
    const stopped = await say(m.assessment.typed.stop);
    expect(says(stopped, m.assessment.nothingRated)).toBe(true);
    expect(says(stopped, m.assessment.stopped(0))).toBe(false);
    expect(says(await say(SAY[locale].results), m.results.none)).toBe(true);
  });

  it.each(LOCALES)("stopping after one skill of eight names the seven not rated, and never claims there is no gap (%s)", async (locale) => {
    const { say, catalog } = await started();
    const role = catalog.get("digital-learning-manager");
    const m = messages(locale).assessment;
    const [first, ...rest] = role.skills;
    await say(SAY[locale].assess);
    // At its target: no gap on what was rated, which says nothing of the rest.
    await say(String(first!.targetLevel));
    const result = await say(m.typed.stop);
    expect(role.skills).toHaveLength(8);
    expect(says(result, m.noGaps)).toBe(false);
    expect(says(result, m.noGapsOnRated)).toBe(true);
    expect(says(result, m.unratedSkills(rest.map((s) => s.name[locale])))).toBe(true);
    const chart = chartOf(result)!;
    expect(chart.series.map((s) => s.value)).toEqual([first!.targetLevel, ...rest.map(() => null)]);
    expect(chart.series.map((s) => s.caption)).toEqual(role.skills.map((s, i) => m.score(i === 0 ? first!.targetLevel : null, s.targetLevel)));
    expect(chart.unratedLabel).toBe(m.notRated);
    expect(text(await say(SAY[locale].results))).toContain("1/8");
  });

  it("says rating and target in words, in both languages", () => {
    expect(messages("en").assessment.score(3, 4)).toBe("you: 3 · target: 4");
    expect(messages("en").assessment.score(null, 4)).toBe("you: not rated · target: 4");
    expect(fr.assessment.score(3, 4)).toBe("vous\u00a0: 3 · cible\u00a0: 4");
    expect(fr.assessment.score(null, 4)).toBe("vous\u00a0: non évalué · cible\u00a0: 4");
  });

  it("sets French punctuation apart with non-breaking spaces in what it adds", () => {
    const added = [fr.assessment.offScale, fr.assessment.unratedSkills(["A", "B"]), fr.assessment.nothingRated, fr.assessment.score(null, 4), fr.inConversation.assessment];
    for (const sentence of added) {
      expect(sentence, sentence).not.toMatch(/ [:;?!»]|« /);
      expect(sentence, sentence).not.toMatch(/[^\u00a0\u202f][:;?!»]|«[^\u00a0\u202f]/);
    }
  });
});
