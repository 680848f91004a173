import { beforeAll, describe, expect, it } from "vitest";
import type { RuleBasedUnderstanding } from "../../src/understanding/rule-based-understanding.js";
import type { AnnouncementDetails } from "../../src/understanding/understanding.js";
import { NOW, PARIS, DLM, LA, LD, TM, TRAINER, shippedUnderstanding } from "./fixtures.js";

let understanding: RuleBasedUnderstanding;
beforeAll(async () => {
  understanding = await shippedUnderstanding();
});

const understand = (text: string) => understanding.understand(text, { now: NOW, timeZone: PARIS });

/** Nobody named, nothing said: what each case adds to. */
const NOTHING: AnnouncementDetails = { channels: [], users: [], userGroups: [], everyone: false };

// [text, roles, what was said]. A day without a time is 09:00 in Paris: 08:00Z, 07:00Z from 30 March.
type Case = [string, string[], Partial<AnnouncementDetails>];

const BRIEF: Case[] = [
  [
    "préviens les équipes RH de Bordeaux que la promo DLM démarre le 12",
    [DLM],
    { audience: "les équipes RH de Bordeaux", date: "2025-03-12T08:00:00.000Z", dateText: "le 12", message: "la promo DLM démarre le 12" },
  ],
  [
    "tell #learning-club and the sales managers that the learning designer bootcamp has 5 seats left until Monday",
    [LD],
    { channels: ["learning-club"], audience: "the sales managers", date: "2025-02-24T08:00:00.000Z", dateText: "Monday", message: "the learning designer bootcamp has 5 seats left until Monday" },
  ],
  [
    "let everyone know the Learning Architect track opens in January",
    [LA],
    { everyone: true, date: "2026-01-01T08:00:00.000Z", dateText: "in January", message: "the Learning Architect track opens in January" },
  ],
  ["announce to <#C0123ABC|learning-club> and <!subteam^S0ABC|@hr-team>: new DLM cohort", [DLM], { channels: ["C0123ABC"], userGroups: ["S0ABC"], message: "new DLM cohort" }],
];

const ENGLISH: Case[] = [
  [
    "remind <@U0123ABC> and <@U0456DEF> that the DLM bootcamp starts on the 3rd at 2pm, thanks",
    [DLM],
    { users: ["U0123ABC", "U0456DEF"], date: "2025-03-03T13:00:00.000Z", dateText: "on the 3rd at 2pm", message: "the DLM bootcamp starts on the 3rd at 2pm" },
  ],
  [
    "tell the DLM cohort and #dlm-2025, plus the trainers, that registration closes mid-March",
    [DLM],
    { channels: ["dlm-2025"], audience: "the DLM cohort, the trainers", date: "2025-03-15T08:00:00.000Z", dateText: "mid-March", message: "registration closes mid-March" },
  ],
  [
    "notify all employees that the learning architect programme kicks off on 12/03",
    [LA],
    { everyone: true, date: "2025-03-12T08:00:00.000Z", dateText: "on 12/03", message: "the learning architect programme kicks off on 12/03" },
  ],
  // "Monday" is when to send it, not news; the 10th is the news.
  ["schedule an announcement for Monday to the sales team about the DLM cohort starting on the 10th", [DLM], { audience: "the sales team", date: "2025-03-10T08:00:00.000Z", dateText: "on the 10th" }],
  [
    "let the Lyon trainers know the training manager bootcamp is postponed to April 7",
    [TM],
    { audience: "the Lyon trainers", date: "2025-04-07T07:00:00.000Z", dateText: "April 7", message: "the training manager bootcamp is postponed to April 7" },
  ],
  ["blast a message to everyone in the Lyon office about the DLM open day on March 20", [DLM], { audience: "everyone in the Lyon office", date: "2025-03-20T08:00:00.000Z", dateText: "March 20" }],
  [
    "send to <!subteam^S0HR|@hr> and <@U0BOSS>: the learning architect track opens in 2 weeks :tada:",
    [LA],
    { users: ["U0BOSS"], userGroups: ["S0HR"], date: "2025-03-05T08:00:00.000Z", dateText: "in 2 weeks", message: "the learning architect track opens in 2 weeks :tada:" },
  ],
  // A channel in the message is part of the news, not where it goes.
  [
    "post in #learning-club: Excel for trainers starts Thursday, questions in #excel-help",
    [],
    { channels: ["learning-club"], date: "2025-02-20T08:00:00.000Z", dateText: "Thursday", message: "Excel for trainers starts Thursday, questions in #excel-help" },
  ],
  ["tell the C# developers that the learning designer course is open", [LD], { audience: "the C# developers", message: "the learning designer course is open" }],
  ["Could you tell the sales managers that the learning architect path has 3 seats left?", [LA], { audience: "the sales managers", message: "the learning architect path has 3 seats left" }],
  // The words quoted as typed, though chrono read "Thursday" and "3 April".
  ["tell everyone that the DLM bootcamp starts on thrusday", [DLM], { everyone: true, date: "2025-02-20T08:00:00.000Z", dateText: "on thrusday", message: "the DLM bootcamp starts on thrusday" }],
  ["tell everyone that the DLM bootcamp starts on 3/4", [DLM], { everyone: true, date: "2025-04-03T07:00:00.000Z", dateText: "on 3/4", message: "the DLM bootcamp starts on 3/4" }],
  // When to tell them is not who they are, nor the date of the news.
  [
    "tell the trainers tomorrow that the learning designer path opens on the 15th",
    [LD],
    { audience: "the trainers", date: "2025-03-15T08:00:00.000Z", dateText: "on the 15th", message: "the learning designer path opens on the 15th" },
  ],
  ["inform all staff of the new training manager path, starting from the 2nd of April", [TM], { everyone: true, date: "2025-04-02T07:00:00.000Z", dateText: "2nd of April" }],
  // An ordinal before a noun is no day of the month.
  ["tell the trainers that the 3rd session of the DLM bootcamp is full", [DLM], { audience: "the trainers", message: "the 3rd session of the DLM bootcamp is full" }],
  ["announce to <!everyone>: the DLM cohort opens in March", [DLM], { everyone: true, date: "2025-03-01T08:00:00.000Z", dateText: "in March", message: "the DLM cohort opens in March" }],
  ["broadcast the new onboarding programme to all staff", [], { everyone: true }],
  ["announce the new leadership programme to #general", [], { channels: ["general"] }],
  ["I need to announce our new mentoring programme on Slack and Teams", [], {}],
];

const FRENCH: Case[] = [
  [
    "Tu peux prévenir les managers de Lyon que la session formateur du 3 mars est complète ?",
    [TRAINER],
    { audience: "les managers de Lyon", date: "2025-03-03T08:00:00.000Z", dateText: "3 mars", message: "la session formateur du 3 mars est complète" },
  ],
  [
    "dis aux formateurs internes : « les inscriptions au parcours formateur ferment vendredi »",
    [TRAINER],
    { audience: "formateurs internes", date: "2025-02-21T08:00:00.000Z", dateText: "vendredi", message: "les inscriptions au parcours formateur ferment vendredi" },
  ],
  [
    "annonce à tous : la formation ingénieur pédagogique commence dans deux semaines",
    [LD],
    { everyone: true, date: "2025-03-05T08:00:00.000Z", dateText: "dans deux semaines", message: "la formation ingénieur pédagogique commence dans deux semaines" },
  ],
  ["préviens tout le monde que le parcours RF ouvre début avril", [TM], { everyone: true, date: "2025-04-01T07:00:00.000Z", dateText: "début avril", message: "le parcours RF ouvre début avril" }],
  [
    "fais savoir aux managers de proximité que la promo DLM démarre le 12 à 14h",
    [DLM],
    { audience: "managers de proximité", date: "2025-03-12T13:00:00.000Z", dateText: "le 12 à 14h", message: "la promo DLM démarre le 12 à 14h" },
  ],
  // « demain » is part of a programme's name; « de l'ouverture » is the news, not more people.
  ["Bonjour, l'équipe L&D souhaiterait informer l'ensemble des salariés de l'ouverture du parcours « Manager de demain ». Pouvez-vous envoyer l'annonce ?", [], { everyone: true }],
  ["On lance un programme de mentorat en septembre, tu peux m'aider à le diffuser à toute l'entreprise ?", [], { everyone: true, date: "2025-09-01T07:00:00.000Z", dateText: "en septembre" }],
  ["informe les managers du lancement de la promo learning designer en mars", [LD], { audience: "les managers", date: "2025-03-01T08:00:00.000Z", dateText: "en mars" }],
  // The trainers told are the audience: the announcement is about the DLM cohort.
  [
    "préviens les formateurs qu'une nouvelle promo DLM ouvre le 1er avril",
    [DLM],
    { audience: "les formateurs", date: "2025-04-01T07:00:00.000Z", dateText: "1er avril", message: "une nouvelle promo DLM ouvre le 1er avril" },
  ],
  [
    "annonce aux équipes RH et à #rh-lyon que la formation DLM est reportée au lundi 10 mars, merci",
    [DLM],
    { channels: ["rh-lyon"], audience: "équipes RH", date: "2025-03-10T08:00:00.000Z", dateText: "lundi 10 mars", message: "la formation DLM est reportée au lundi 10 mars" },
  ],
  [
    "Est-ce que tu peux dire à tout le monde que la promo learning architect démarre demain ?",
    [LA],
    { everyone: true, date: "2025-02-20T08:00:00.000Z", dateText: "demain", message: "la promo learning architect démarre demain" },
  ],
  // « sept » is a count here, not September.
  ["préviens les formateurs que la promo DLM est répartie en sept groupes", [DLM], { audience: "les formateurs", message: "la promo DLM est répartie en sept groupes" }],
  ["envoyer une annonce aux équipes", [], { audience: "équipes" }],
  ["annonce le lancement du programme onboarding dans #general", [], { channels: ["general"] }],
];

describe("what an announcement request says", () => {
  it.each([...BRIEF, ...ENGLISH, ...FRENCH])("%s", (text, roles, said) => {
    const understood = understand(text);
    expect(understood.intent).toBe("announcement.create");
    expect(understood.roles).toEqual(roles);
    expect(understood.announcement).toEqual({ ...NOTHING, ...said });
  });

  it("reads a date in the user's zone, and in UTC when the zone is unknown", () => {
    const text = "tell everyone that the DLM cohort starts on the 12th";
    expect(understanding.understand(text, { now: NOW, timeZone: "America/New_York" }).announcement?.date).toBe("2025-03-12T13:00:00.000Z");
    expect(understanding.understand(text, { now: NOW, timeZone: "Mars/Olympus_Mons" }).announcement?.date).toBe("2025-03-12T09:00:00.000Z");
  });
});

describe("questions that are not announcements", () => {
  it.each([
    ["tell me about the DLM role", "role.describe", [DLM]],
    ["what does a learning designer tell stakeholders?", "role.describe", [LD]],
    ["how does a training manager inform the business about results?", "role.describe", [TM]],
    ["can you tell the difference between a DLM and a learning architect?", "role.compare", [DLM, LA]],
    ["let me know the skills of a learning designer", "role.skills", [LD]],
    ["remind me what a DLM does", "role.describe", [DLM]],
    ["dis-moi ce que fait un DLM", "role.describe", [DLM]],
    ["préviens-moi des compétences d'un formateur", "role.skills", [TRAINER]],
  ] as const)("%s", (text, intent, roles) => {
    const understood = understand(text);
    expect(understood.intent).toBe(intent);
    expect(understood.roles).toEqual(roles);
    expect(understood.announcement).toBeUndefined();
  });

  it("a survey request carries no announcement", () => {
    const understood = understand("sondage compétences DLM pour mon équipe d'ici 10 jours");
    expect(understood.intent).toBe("survey.start");
    expect(understood.announcement).toBeUndefined();
  });
});
