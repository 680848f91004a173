import type { Capability } from "../answers/capabilities.js";
import type { Locale } from "../catalog/schema.js";
import { en } from "./en.js";
import { fr } from "./fr.js";
import { typesetFrenchThroughout } from "./french-typography.js";

/** Every sentence the bot says outside the catalogue, once per locale. */
export interface Messages {
  buttons: {
    /** A role's missions in full, under its short first answer. */
    missions: string;
    skills: string;
    path: string;
    profile: string;
    compare: (other: string) => string;
    assess: string;
    describe: (role: string) => string;
    listRoles: string;
    help: string;
  };
  /** A bold label followed by its text, with the locale's punctuation ("Label: text", « Label : texte »). */
  labelled: (label: string, text: string) => string;
  /** `keyMissions` titles the few missions of a role's first answer; `title` heads its missions in full. */
  describe: { missions: string; outlook: string; keyMissions: string; title: (role: string) => string };
  skills: { title: (role: string) => string; target: (level: number, label: string) => string; kinds: Record<"technical" | "strategic" | "relational", string> };
  path: {
    title: (role: string) => string;
    modules: string;
    module: (title: string, format: string, hours: number, skills: string) => string;
    total: (hours: number, count: number) => string;
    comingFrom: (from: string) => string;
    skillsToGrow: string;
    nothingToGrow: string;
    noPath: (role: string) => string;
    moves: string;
    formats: Record<string, string>;
  };
  compare: {
    title: (a: string, b: string) => string;
    shared: string;
    only: (role: string) => string;
    none: string;
    /** Three roles or more were named: the first two are compared, the others offered as buttons. */
    twoAtATime: (a: string, b: string) => string;
    pair: (a: string, b: string) => string;
  };
  profile: { title: (role: string) => string; none: (role: string) => string; outlook: string };
  list: { title: string; intro: (count: number) => string; more: (count: number) => string };
  sources: { heading: string; sample: (role: string) => string };
  inConversation: { survey: string; announcement: string; assessment: string };
  help: {
    title: string;
    /** Also leads the home screen's quick actions. */
    intro: string;
    /** Each thing Parcours does: what to say for it, what it does, and who may when not everyone may. */
    capabilities: Record<Capability, { title: string; say: readonly string[]; does?: string }>;
    /** A phrase to type, in the locale's quotation marks. */
    quote: (phrase: string) => string;
  };
  greeting: string;
  /** Short replies to "thanks", "bye" and "ok": never the out-of-scope answer. */
  smallTalk: { thanks: string; goodbye: string; ok: string };
  /** "Who is our DLM?": Parcours knows roles, not people, and says who does. */
  person: { role: (role: string) => string; anyone: string; aboutRole: (role: string) => string };
  /** A role question with no role named and none in the conversation ("and its skills?" first thing). */
  whichRole: { one: string; two: string };
  unknown: { text: string; didYouMean: string };
  badInput: { empty: string; tooLong: (max: number) => string; noText: string };
  assessment: {
    chooseRole: string;
    intro: (role: string, count: number) => string;
    progress: (index: number, count: number) => string;
    skip: string;
    stop: string;
    hint: string;
    gaveUp: string;
    explain: string;
    inProgress: (role: string, answered: number, count: number) => string;
    resume: string;
    restart: string;
    back: string;
    stopped: (answered: number) => string;
    nothingToResume: string;
    resultTitle: (role: string) => string;
    you: string;
    target: string;
    gapsTitle: string;
    gapLine: (skill: string, rating: number | null, target: number) => string;
    recommendationsTitle: string;
    nextStep: (module: string) => string;
    noGaps: string;
    changeTitle: string;
    change: (skill: string, delta: number) => string;
    noChange: string;
    privateNote: string;
    movedToPrivate: string;
    privateUnavailable: string;
    staleButton: string;
    /** A rating button pressed after its assessment ended (a double click on the last skill, an old message). */
    finishedButton: string;
    /** A number typed that is not on the scale (6, 7, 0). */
    offScale: string;
    /** What to type for the buttons that are not a level, where buttons are typed (a terminal). */
    typed: { skip: string; stop: string };
    /** A skill's rating and its target in words, for the chart as text. */
    score: (rating: number | null, target: number) => string;
    /** The radar's legend for a skill left unrated. */
    notRated: string;
    /** Which skills a result says nothing about. */
    unratedSkills: (skills: readonly string[]) => string;
    /** No gap on the skills rated, with some left unrated: not the same as no gap at all. */
    noGapsOnRated: string;
    /** Every skill skipped or left unrated: nothing to show, nothing saved. */
    nothingRated: string;
  };
  results: { title: string; none: string; line: (role: string, date: string, rated: number, count: number) => string; show: (role: string) => string };
  data: { confirm: string; yes: string; no: string; done: string; cancelled: string };
  unknownAction: string;
  error: string;
  console: { welcome: string; prompt: string; choose: (n: number) => string; bye: string };
}

const MESSAGES: Record<Locale, Messages> = { en, fr: typesetFrenchThroughout(fr) };

export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}
