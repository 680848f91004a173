import { fold } from "../understanding/normalize.js";

/*
 * What a sentence mentions that could be invented: figures (digits, number words, fractions,
 * vague quantities, times), negations, links, e-mail addresses and capitalised names. Each
 * extractor is deliberately greedy; a false alarm only costs the template answer, a miss would
 * show a made-up fact.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Any scheme, or none ("//host/…"), as a markdown target may be written. */
const URL = /(?:\b[a-z][a-z0-9+.-]*:\/\/|(?<![\p{L}\p{N}/])\/\/|\bwww\.)[^\s<>()"'«»\]]+/giu;
/** Bare domains, whatever their ending ("acme-training.academy"): two labels of two letters or more. */
const DOMAIN = /\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}\b(?:\/[^\s<>()"'«»]*)?/giu;
const DIGITS = /\d+(?:[.,]\d+)?/gu;

/** Numbers and fractions written in words, folded: facts' own are slotted like their digits. */
export const NUMBER_WORDS: ReadonlySet<string> = new Set(
  [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "dozen", "dozens",
    "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths", "percent", "twice",
    "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze",
    "seize", "vingt", "vingts", "trente", "quarante", "cinquante", "soixante", "septante", "octante", "nonante", "cent", "cents",
    "mille", "milliers", "milliard", "dizaine", "dizaines", "douzaine", "centaine", "centaines",
    "moitie", "tiers", "quart", "quarts", "cinquieme", "dixieme", "pourcent",
  ].map(fold),
);

/**
 * Words that state a quantity vaguely or an order, folded: a sentence may use one only where one
 * of its facts says the same word ("most", « la plupart », "second").
 */
const VAGUE_QUANTITIES = new Set(
  [
    "most", "majority", "minority", "many", "few", "fewer", "several", "numerous", "plenty", "lots", "handful", "countless",
    "average", "median", "nearly", "almost", "percentage", "second", "fourth", "triple", "single", "couple", "everyone",
    "everybody", "all", "every",
    "plupart", "majorite", "minorite", "nombreux", "nombreuses", "plusieurs", "quelques", "beaucoup", "moyenne", "mediane",
    "presque", "quasi", "quasiment", "pourcentage", "deuxieme", "troisieme", "quatrieme", "tous", "toutes",
  ].map(fold),
);

/** Words that date or time something; a sentence may use one only where one of its facts does. */
const TIME_WORDS = new Set(
  [
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "decade", "decades", "century",
    "annual", "annually", "yearly", "monthly", "weekly", "daily", "recently", "recent", "lately", "soon", "ago", "last", "next",
    "yesterday", "today", "tomorrow", "summer", "winter", "spring", "autumn",
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "ans", "annee", "annees", "annuel", "annuelle", "mois", "semaine", "semaines", "jour", "jours", "heure", "heures",
    "decennie", "siecle", "recemment", "recent", "recente", "bientot", "dernier", "derniere", "prochain", "prochaine",
    "hier", "demain", "hiver", "printemps", "automne",
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
  ].map(fold),
);

/**
 * Words that make a claim stronger, rarer, commoner, surer, reported or paid, or that name a
 * position: a sentence may use one only where one of its facts does, so "can" does not become
 * "will", "uncommon" "common", "less" "more", nor one person's view a rule.
 */
const CLAIM_WORDS = new Set(
  [
    "best", "worst", "top", "highest", "lowest", "greatest", "biggest", "least", "always", "must", "will", "certainly",
    "definitely", "guaranteed", "surely", "undoubtedly", "usually", "typically", "generally", "often", "rarely", "commonly",
    "common", "uncommon", "rare", "frequent", "seldom", "recommend", "recommends", "recommended", "says", "said",
    "believe", "believes", "claims", "salary", "salaries", "paid", "pay", "earn", "earns", "wage", "wages", "director",
    "directors", "chief", "officer", "ceo", "recruiter", "recruiters", "more", "less", "fewer", "increasingly",
    "meilleur", "meilleure", "meilleurs", "meilleures", "pire", "toujours", "forcement", "certainement", "surement",
    "obligatoirement", "sera", "seront", "devra", "devront", "garantit", "generalement", "souvent", "rarement", "habituellement",
    "couramment", "courant", "courante", "courants", "rare", "rares", "frequent", "frequente", "recommande", "recommandent",
    "affirme", "affirment", "estime", "estiment", "salaire", "salaires", "paye", "payes", "remuneration", "gagne", "gagnent",
    "directeur", "directrice", "directeurs", "recruteur", "recruteurs", "moins", "davantage", "seulement", "uniquement",
    "prerequisite", "prerequisites", "mandatory", "compulsory", "required", "prerequis", "obligatoire", "obligatoires",
  ].map(fold),
);

/** Markdown, lists, headings, tables, HTML and emoji: an answer is plain sentences. */
export function markup(text: string): string[] {
  const found = text.match(/[\n\r]|^\s*(?:[-*•>]|#{1,6}|\d+[.)])\s|\*\*|__|`|\||<\/?[a-z][^>]*>|\p{Extended_Pictographic}/gmu) ?? [];
  return [...new Set(found.map((mark) => (/\s/.test(mark) && mark.trim() === "" ? "a line break" : mark.trim())))];
}

/** Words that say a statement is one person's or one study's view: a sentence restating such a fact keeps one. */
const REPORTED = ["interviewed", "for one", "according to", "in the view", "believes", "pour un", "pour une", "selon", "d apres", "estime", "estiment"].map(fold);
/**
 * Claims written in several words: superlatives (« le plus recherché »), examples ("for
 * instance"), which the facts must give, and comparisons ("more strategic than", « plus … que »).
 */
const CLAIM_PHRASES = [
  "le plus", "la plus", "les plus", "le moins", "la moins", "les moins", "the most", "the least",
  "for example", "for instance", "e g", "par exemple",
].map(fold);
const COMPARATIVE = / (?:more|less|plus|moins|bigger|smaller|higher|lower|greater|better|worse|meilleur|meilleure|pire)(?: \S+){0,3} (?:than|que|qu) /;
/** "what they have in common", « en commun »: sharing, which the comparison checks, not commonness. */
const IN_COMMON = / (?:in|en) commun? /g;

/** The claim words of a folded text that its facts' words do not hold. */
export function claimWords(folded: string, factWords: string, comparing: boolean): string[] {
  const facts = ` ${factWords} `;
  // Said of two roles, "common" is what they share, which the comparison checks.
  const words = (comparing ? ` ${folded} `.replace(/ common | communs? | communes? /g, " ") : ` ${folded} `)
    .replace(IN_COMMON, " ").split(" ").filter((word) => CLAIM_WORDS.has(word) && !facts.includes(` ${word} `));
  const phrases = CLAIM_PHRASES.filter((phrase) => ` ${folded} `.includes(` ${phrase} `) && !facts.includes(` ${phrase} `));
  const compares = COMPARATIVE.test(` ${folded} `) && !COMPARATIVE.test(facts) ? ["a comparison"] : [];
  return [...words, ...phrases, ...compares];
}

/** Words the quantity, time, claim and negation checks decide on: no other check need know them. */
export function checkedWord(word: string): boolean {
  return NUMBER_WORDS.has(word) || VAGUE_QUANTITIES.has(word) || TIME_WORDS.has(word) || CLAIM_WORDS.has(word) || NEGATIONS.has(word);
}

/** Whether a folded text reports a view ("for one DLM interviewed", « selon »). */
export function reports(folded: string): boolean {
  return REPORTED.some((marker) => ` ${folded} `.includes(` ${marker} `));
}

/** Set phrases in which a quantity word counts nothing: "all the way from scoping to roll-out". */
const IDIOMS = / (?:all the way|above all|after all|at all|first of all|avant tout|tout a fait|en premier lieu) /g;
/** Said of a comparison, "two" counts the roles compared: "the two roles", « les deux métiers ». */
export const THE_TWO_ROLES = / (?:(?:the|these|both) two|two (?:roles|jobs|positions|profiles|professions)|les deux|ces deux|tous (?:les )?deux|toutes (?:les )?deux|deux (?:metiers|postes|roles|profils|fonctions)) /g;

/** "one in two", "one out of three", « un sur deux »: a proportion in which "one" is a number. */
const PROPORTION = /(?:^| )(?:one|un|une) (?:in|out of|sur) /;

/** Negations, folded: "doesn't" folds to "doesn t"; « peu courant » denies as much as "uncommon". */
const NEGATIONS = new Set(["not", "no", "never", "none", "nor", "neither", "without", "cannot", "t", "ne", "n", "pas", "jamais", "aucun", "aucune", "sans", "ni", "rien", "guere", "nullement", "peu"]);
/** "not only … but", « non seulement » add, they do not deny. */
const NOT_A_NEGATION = /(?:^| )(?:not only|non seulement|no doubt|sans doute|n importe)(?= |$)/g;

export function emails(text: string): string[] {
  return [...text.matchAll(EMAIL)].map((m) => m[0]);
}

export function links(text: string): string[] {
  const withoutEmails = text.replace(EMAIL, " ");
  const found = [...withoutEmails.matchAll(URL), ...withoutEmails.replace(URL, " ").matchAll(DOMAIN)].map((m) => m[0]);
  return found.map((link) => link.replace(/[.,;:!?]+$/u, ""));
}

/** Figures in digits ("7,5" and "7.5" alike), after e-mail addresses are taken out. */
export function digits(text: string): string[] {
  return [...text.replace(EMAIL, " ").matchAll(DIGITS)].map((m) => m[0]);
}

/**
 * Every word of a folded text that states a quantity or a time ("eighty", "quatre", "most",
 * « la plupart », "summer"), and "one"/"un" where they make a proportion.
 */
/** Whether the facts say a time word of the same stem: « récente » for « créée récemment ». */
export function timeWordIn(word: string, factWords: string): boolean {
  return TIME_WORDS.has(word) && word.length >= 5 && factWords.split(" ").some((fact) => TIME_WORDS.has(fact) && fact.slice(0, 4) === word.slice(0, 4));
}

export function quantityWords(folded: string): string[] {
  const found = ` ${folded} `
    .replace(IDIOMS, " ")
    .split(" ").filter((word) => NUMBER_WORDS.has(word) || VAGUE_QUANTITIES.has(word) || TIME_WORDS.has(word));
  if (PROPORTION.test(folded)) found.push("one in …");
  return found;
}

/** Whether a folded text denies something ("not", « ne … pas », "without", « aucun »). */
export function denies(folded: string): boolean {
  return folded.replace(NOT_A_NEGATION, " ").split(" ").some((word) => NEGATIONS.has(word));
}

const SENTENCE_START = /(?:^|[.!?:;…•\n])\s*["'«“(]*\s*$/u;
const WORD = /[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu;

/**
 * Words written with a capital where a sentence does not start, the mark of a proper name in
 * English ("Data Scientist", "Coursera"); words at a sentence's start are left to the vocabulary
 * check. One-letter words ("I", the "L" of "L&D") and "I'm", "I'd" are left out.
 */
export function capitalisedWords(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (word.length < 2 || !/\p{Lu}/u.test(word) || /^I['’]/u.test(word)) continue;
    if (SENTENCE_START.test(text.slice(0, match.index))) continue;
    found.push(word);
  }
  return found;
}
