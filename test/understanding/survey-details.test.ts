import { beforeAll, describe, expect, it } from "vitest";
import type { RuleBasedUnderstanding } from "../../src/understanding/rule-based-understanding.js";
import { surveyDetails } from "../../src/understanding/survey-details.js";
import { NOW, PARIS, DLM, LA, LD, TM, TRAINER, shippedUnderstanding } from "./fixtures.js";

let understanding: RuleBasedUnderstanding;
beforeAll(async () => {
  understanding = await shippedUnderstanding();
});

const understand = (text: string, now = NOW, timeZone = PARIS) => understanding.understand(text, { now, timeZone });

// [text, roles, deadline, anonymous]: "now + N days" keeps the time of day (11:00 in Paris =
// 10:00Z); a date without a time ends at 23:59 in Paris (22:59Z, 21:59Z from 30 March).
type Case = [string, string[], string | undefined, boolean | undefined];

const ISSUE: Case[] = [
  ["questionnaire de compétences formateur interne pour mes gars, à rendre sous dix jours", [TRAINER], "2025-03-01T10:00:00.000Z", undefined],
  ["can my squad rate themselves against the DLM skills by next Thursday? keep it anonymous", [DLM], "2025-02-27T22:59:00.000Z", true],
  ["skills check for the team on the learning architect profile, due 3 March", [LA], "2025-03-03T22:59:00.000Z", undefined],
];

const FRENCH: Case[] = [
  ["lance un sondage de compétences pour mon équipe, à rendre avant vendredi", [], "2025-02-21T22:59:00.000Z", undefined],
  ["sondage compétences DLM pour mon équipe d'ici 10 jours, anonyme stp", [DLM], "2025-03-01T10:00:00.000Z", true],
  ["questionnaire pour mes collaborateurs sur le profil learning designer, dans deux semaines", [LD], "2025-03-05T10:00:00.000Z", undefined],
  ["je veux sonder mon équipe sur les compétences de formateur, pour le 15", [TRAINER], "2025-03-15T22:59:00.000Z", undefined],
  ["lancer une enquête compétences pour mon service, fin du mois, nominatif", [], "2025-02-28T22:59:00.000Z", false],
  ["sondage pour mon équipe sur les compétences RF, sous quinzaine", [TM], "2025-03-06T10:00:00.000Z", undefined],
  ["sondage compétences pour mon équipe, sous 48h", [], "2025-02-21T10:00:00.000Z", undefined],
  ["sondage equipe competences avant le 3 mars stp", [], "2025-03-03T22:59:00.000Z", undefined],
  ["sondage compétences pour l'équipe d'ici vendredi 17h", [], "2025-02-21T16:00:00.000Z", undefined],
  ["sondage de compétences pour mon équipe avant vendredy", [], "2025-02-21T22:59:00.000Z", undefined],
  ["sondage pour mes gars à rendre pour le 10, sans nom", [], "2025-03-10T22:59:00.000Z", true],
  ["questionnaire compétences pour mon équipe, on leur laisse vingt et un jours", [], "2025-03-12T10:00:00.000Z", undefined],
  ["sondage compétences pour mon équipe, d'ici la fin de la semaine prochaine", [], "2025-02-28T22:59:00.000Z", undefined],
  ["enquête compétences de mon équipe pour demain, pas besoin que ce soit anonyme", [], "2025-02-20T22:59:00.000Z", false],
  ["sondage pour mon equipe pour mardi prochain", [], "2025-02-25T22:59:00.000Z", undefined],
  ["questionnaire compétences à mon équipe dans 2 sem", [], "2025-03-05T10:00:00.000Z", undefined],
  ["sondage pour mon équipe d'ici dix-sept jours", [], "2025-03-08T10:00:00.000Z", undefined],
  ["sondage pour mon equipe sous 10j", [], "2025-03-01T10:00:00.000Z", undefined],
  ["sondage pour mon équipe sous dix jous", [], "2025-03-01T10:00:00.000Z", undefined],
  ["sondage pour mon équipe avant fin février", [], "2025-02-28T22:59:00.000Z", undefined],
  ["sondage pour mon équipe, ils ont 10 jours pour répondre", [], "2025-03-01T10:00:00.000Z", undefined],
  ["sondage pour mon équipe, clôture le 15", [], "2025-03-15T22:59:00.000Z", undefined],
  ["sondage pour mon équipe avant le 03/03", [], "2025-03-03T22:59:00.000Z", undefined],
  ["sondage pour mon équipe d'ici ce soir", [], "2025-02-19T22:59:00.000Z", undefined],
  ["sondage pour mon équipe d'ici une quinzaine de jours", [], "2025-03-06T10:00:00.000Z", undefined],
  ["sondage anonymme pour mon équipe", [], undefined, true],
  ["sondage pour mon équipe, non anonyme", [], undefined, false],
  ["sondage compétences pour mon équipe, anonymat garanti", [], undefined, true],
  ["sondage pour mon équipe, avec les noms", [], undefined, false],
  // The 31st of February does not exist: the next 31st is after the clocks change.
  ["sondage pour mon équipe avant le 31", [], "2025-03-31T21:59:00.000Z", undefined],
  // No year and already past: next year's. With a past year: no deadline at all.
  ["sondage compétences pour mon équipe avant le 15 janvier", [], "2026-01-15T22:59:00.000Z", undefined],
  ["sondage compétences pour mon équipe avant le 10 février 2024", [], undefined, undefined],
  // A date after « lance » is when it starts, not when it is due.
  ["lance le questionnaire mercredi pour mon équipe", [], undefined, undefined],
  ["lancer un sondage de compétences pour mon équipe", [], undefined, undefined],
  ["survey my team sur les compétences DLM dans trois semaines", [DLM], "2025-03-12T10:00:00.000Z", undefined],
  ["mes collaborateurs peuvent-ils s'auto-évaluer sur le référentiel formateur d'ici fin mars ?", [TRAINER], "2025-03-31T21:59:00.000Z", undefined],
  ["évaluer les compétences de mon équipe sur le profil DLM avant vendredi", [DLM], "2025-02-21T22:59:00.000Z", undefined],
];

const ENGLISH: Case[] = [
  ["send a skills survey to my team within 10 days", [], "2025-03-01T10:00:00.000Z", undefined],
  ["skills survey for my team in two weeks, not anonymous", [], "2025-03-05T10:00:00.000Z", false],
  ["run a team skills survey within a fortnight pls", [], "2025-03-05T10:00:00.000Z", undefined],
  ["kick off a skills questionnaire for my direct reports by Friday, anonymous", [], "2025-02-21T22:59:00.000Z", true],
  ["team survey on the DLM skills, due end of the month", [DLM], "2025-02-28T22:59:00.000Z", undefined],
  ["can u survey my team on training manager skills by EOW", [TM], "2025-02-21T22:59:00.000Z", undefined],
  ["launch a skills survey for my team, end of week, with names", [], "2025-02-21T22:59:00.000Z", false],
  ["skills survey for my team, no deadline, anonymous", [], undefined, true],
  ["survey my team on LA skills by 3/4", [LA], "2025-04-03T21:59:00.000Z", undefined],
  ["skills survey for the team by thrusday", [], "2025-02-20T22:59:00.000Z", undefined],
  ["survey my guys on the learning designer skills, due the 28th", [LD], "2025-02-28T22:59:00.000Z", undefined],
  ["give my team 10 days to fill in a skills survey", [], "2025-03-01T10:00:00.000Z", undefined],
  ["skills survey for my team, they have two weeks to answer", [], "2025-03-05T10:00:00.000Z", undefined],
  ["survey for my team, end of next month, named", [], "2025-03-31T21:59:00.000Z", false],
  ["skills survey for my team by tomorrow 5pm", [], "2025-02-20T16:00:00.000Z", undefined],
  ["survey for my team within 10d", [], "2025-03-01T10:00:00.000Z", undefined],
  ["skills survey for my team by 4 April", [], "2025-04-04T21:59:00.000Z", undefined],
  ["survey my team, don't worry, it's anonymous", [], undefined, true],
  ["survey my team, no names please", [], undefined, true],
  ["survey for my team, anonymous please, not named", [], undefined, true],
  ["survey for my team, it doesn't need to be anonymous", [], undefined, false],
  ["anonymous skills survey for my team, by next wensday", [], "2025-02-26T22:59:00.000Z", true],
  ["survey for my team within twenty-one days", [], "2025-03-12T10:00:00.000Z", undefined],
  ["survey for my team, send it monday, due friday", [], "2025-02-21T22:59:00.000Z", undefined],
  ["survey my team due feb 28", [], "2025-02-28T22:59:00.000Z", undefined],
  // Said on a Wednesday, "by wednesday" is next week's.
  ["quick skills poll for the team by wednesday", [], "2025-02-26T22:59:00.000Z", undefined],
  ["survey my team by EOD", [], "2025-02-19T22:59:00.000Z", undefined],
  ["survey the team within a couple of weeks", [], "2025-03-05T10:00:00.000Z", undefined],
  ["skills survey for my team till march 12th 2026", [], "2026-03-12T22:59:00.000Z", undefined],
  ["survey my team, closes on the 15th", [], "2025-03-15T22:59:00.000Z", undefined],
  ["I manage 12 people, can I send them a skills survey before the annual reviews?", [], undefined, undefined],
  ["launch a skills survey for my team", [], undefined, undefined],
  ["rate my team on DLM skills", [DLM], undefined, undefined],
];

describe("survey requests: intent, role, deadline and anonymity", () => {
  it.each([...ISSUE, ...FRENCH, ...ENGLISH])("%s", (text, roles, deadline, anonymous) => {
    const got = understand(text);
    expect(got.intent).toBe("survey.start");
    expect(got.roles).toEqual(roles);
    expect(got.survey).toBeDefined();
    expect(got.survey?.deadline).toBe(deadline);
    expect(got.survey?.anonymous).toBe(anonymous);
  });

  it("covers at least forty phrasings in each language together", () => {
    expect(ISSUE.length + FRENCH.length + ENGLISH.length).toBeGreaterThanOrEqual(40);
  });

  it("leaves out what was not said, rather than a default", () => {
    expect(understand("launch a skills survey for my team").survey).toEqual({});
  });
});

describe("questions that mention a date but are no survey", () => {
  it.each([
    ["what does a DLM do on Friday?", "role.describe", [DLM]],
    ["quelles compétences pour un formateur d'ici vendredi ?", "role.skills", [TRAINER]],
    ["what skills does a learning architect need by Friday?", "role.skills", [LA]],
    ["how do I become a learning designer within two weeks?", "role.path", [LD]],
    ["what does the survey say about DLMs?", "role.describe", [DLM]],
    ["how does a training manager evaluate the team before Friday?", "role.describe", [TM]],
  ])("%s stays a role question", (text, intent, roles) => {
    const got = understand(text);
    expect(got.intent).toBe(intent);
    expect(got.roles).toEqual(roles);
    expect(got.survey).toBeUndefined();
  });

  it("an assessment of oneself is no survey, even with the team named", () => {
    const got = understand("assess my skills against my team's by Friday");
    expect(got.intent).toBe("assessment.start");
    expect(got.survey).toBeUndefined();
  });
});

describe("deadlines in the user's time zone", () => {
  it("ends a date at 23:59 where the user is", () => {
    expect(understand("survey my team, due 3 March", NOW, "America/New_York").survey?.deadline).toBe("2025-03-04T04:59:00.000Z");
    // No zone from the platform: UTC.
    expect(understanding.understand("survey my team, due 3 March", { now: NOW }).survey?.deadline).toBe("2025-03-03T23:59:00.000Z");
  });

  it("reads an unknown time zone as UTC rather than failing", () => {
    expect(understand("survey my team, due 3 March", NOW, "Mars/Olympus_Mons").survey?.deadline).toBe("2025-03-03T23:59:00.000Z");
  });

  it("keeps the time of day across a clock change", () => {
    // 11:00 in Paris on 20 March (UTC+1); two weeks later Paris is on UTC+2.
    const before = new Date("2025-03-20T10:00:00Z");
    expect(understand("survey my team within 2 weeks", before).survey?.deadline).toBe("2025-04-03T09:00:00.000Z");
  });

  it("takes the reference day in the user's zone, not the server's", () => {
    // 00:30 on Thursday 20 February in Paris, still Wednesday in UTC.
    const lateNight = new Date("2025-02-19T23:30:00Z");
    expect(understand("sondage pour mon équipe d'ici jeudi", lateNight).survey?.deadline).toBe("2025-02-27T22:59:00.000Z");
    expect(understand("sondage pour mon équipe d'ici jeudi", lateNight, "UTC").survey?.deadline).toBe("2025-02-20T23:59:00.000Z");
  });

  it("reads end of week at the weekend as next Friday", () => {
    const saturday = new Date("2025-02-22T10:00:00Z");
    expect(understand("skills survey for my team by EOW", saturday).survey?.deadline).toBe("2025-02-28T22:59:00.000Z");
  });
});

describe("surveyDetails", () => {
  it("falls back to the other language's dates when the detected one finds none", () => {
    expect(surveyDetails("survey: vendredi", { locale: "en", now: NOW, timeZone: PARIS })).toEqual({ deadline: "2025-02-21T22:59:00.000Z" });
  });

  it("does not read the French 'mon' as Monday in the English parser", () => {
    expect(surveyDetails("sondage pour mon équipe", { locale: "fr", now: NOW, timeZone: PARIS })).toEqual({});
  });
});
