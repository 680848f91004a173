import type { Locale } from "../catalog/schema.js";
import { en } from "./en.js";
import { fr } from "./fr.js";

/** Every sentence the bot says outside the catalogue, once per locale. */
export interface Messages {
  buttons: {
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
  describe: { missions: string; outlook: string };
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
  compare: { title: (a: string, b: string) => string; shared: string; only: (role: string) => string; none: string };
  profile: { title: (role: string) => string; none: (role: string) => string; outlook: string };
  list: { title: string; intro: (count: number) => string; more: (count: number) => string };
  sources: { sample: (role: string) => string };
  inConversation: { survey: string; announcement: string };
  help: { title: string; intro: string; examples: string[] };
  greeting: string;
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
  };
  results: { title: string; none: string; line: (role: string, date: string, rated: number, count: number) => string; show: (role: string) => string };
  data: { confirm: string; yes: string; no: string; done: string; cancelled: string };
  unknownAction: string;
  error: string;
  console: { welcome: string; prompt: string; choose: (n: number) => string; bye: string };
}

const MESSAGES: Record<Locale, Messages> = { en, fr };

export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}
