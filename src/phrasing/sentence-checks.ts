import type { Locale } from "../catalog/schema.js";
import { detectLocale } from "../understanding/detect-locale.js";
import { fold } from "../understanding/normalize.js";
import { claimWords, denies, digits, emails, links, markup, quantityWords, reports, THE_TWO_ROLES, timeWordIn } from "./answer-mentions.js";
import type { CatalogueTerms } from "./catalogue-terms.js";
import { SLOT_TOKEN, type SlottedFact, type SlottedFacts } from "./fact-slots.js";
import type { FallbackReason } from "./phrasing-stats.js";
import type { PhrasingVocabulary } from "./phrasing-vocabulary.js";
import { entityProblems, wordsBesideNames, type Entities } from "./sentence-entities.js";
import { slotPlacementProblems } from "./slot-placement.js";

export interface AnswerProblem {
  reason: FallbackReason;
  /** What was found, never the user's words (the model never had them). */
  detail: string;
}

/** One sentence of the model's answer and the ids of the facts it restates. */
export interface CitedSentence {
  text: string;
  fact_ids: string[];
}

export interface SentenceContext {
  slotted: SlottedFacts;
  locale: Locale;
  terms: CatalogueTerms;
  vocabulary: PhrasingVocabulary;
  /** The role each fact is about (`la.mission.1` → learning-architect); `both.` facts: every role asked about. */
  ownersOf: (factId: string) => readonly string[];
  /** The roles asked about, target first. */
  roleIds: readonly string[];
  /** "the two roles", « les deux métiers »: said of a comparison, "two" is no figure. */
  comparing: boolean;
}

/**
 * Instruction-like phrases that have no place in an answer about a role: their presence means
 * the model obeyed or echoed an injection, or talked about itself, whatever the facts say.
 */
export const INJECTION_MARKERS = [
  "ignore previous instructions", "ignore all previous", "ignore the above", "previous instructions", "disregard",
  "system prompt", "as an ai", "language model", "jailbreak", "developer mode", "my instructions", "new instructions",
  "ignorez les instructions", "ignore les instructions", "instructions precedentes", "consignes precedentes",
  "oublie tes instructions", "oubliez vos instructions", "prompt systeme", "en tant qu ia", "modele de langage", "mes instructions",
].map(fold);

/** An answer about a role has no first person and no word about how it was made: "Here is an introduction based on the facts I was given". */
const SELF_TALK = ["i", "i m", "me", "my", "myself", "je", "j", "moi", "the facts", "these facts", "les faits", "ces faits", "introduction", "here is", "here s", "voici", "json", "catalogue", "catalog", "slot", "slots", "emplacement", "fact id", "fact ids"].map(fold);

/** Words too common to show that a sentence restates a fact. */
const FILLER = new Set(
  ["that", "this", "with", "from", "their", "they", "them", "have", "into", "also", "more", "than", "each", "both", "role", "roles", "dans", "pour", "avec", "leur", "leurs", "plus", "sont", "cette", "comme", "aussi", "elle", "elles", "entre", "role", "metier", "metiers"].map(fold),
);
/** A sentence restates its facts when at least this share of its own words comes from them... */
const GROUNDED_SHARE = 0.4;
/** ...once it has this many words besides role and skill names: "a Training Manager needs to grow X, Y and Z" is all names. */
const GROUNDED_MIN_WORDS = 4;

const contentWords = (folded: string) => folded.split(" ").filter((word) => word.length >= 4 && !FILLER.has(word) && !/^\d+$/.test(word));
const hasWord = (folded: string, word: string) => ` ${folded} `.includes(` ${word} `);

/** Every reason one sentence cannot be shown; an empty list means it may be. */
export function sentenceProblems(sentence: CitedSentence, context: SentenceContext): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const cited = sentence.fact_ids.map((id) => context.slotted.facts.find((fact) => fact.id === id));
  const facts = cited.filter((fact): fact is SlottedFact => fact !== undefined);
  if (sentence.fact_ids.length === 0) problems.push({ reason: "unknown-fact-id", detail: "a sentence cites no fact" });
  if (facts.length < cited.length) problems.push({ reason: "unknown-fact-id", detail: `unknown ids ${sentence.fact_ids.filter((_, i) => !cited[i]).slice(0, 5).join(", ")}` });

  const citedIds = new Set(facts.map((fact) => fact.id));
  const placed = [...sentence.text.matchAll(SLOT_TOKEN)].map((m) => m[0]);
  const misplaced = placed.filter((token) => !citedIds.has(context.slotted.slots.get(token)?.factId ?? ""));
  if (misplaced.length > 0) problems.push({ reason: "misplaced-slot", detail: misplaced.slice(0, 5).join(", ") });

  const plain = sentence.text.replace(SLOT_TOKEN, " ");
  const folded = fold(plain);
  const factWords = facts.map((fact) => fact.words).join(" ");
  problems.push(...typedProblems(plain, folded, factWords, context));
  problems.push(...slotPlacementProblems(sentence.text, facts, context.slotted));
  if (denies(folded) !== facts.some((fact) => denies(fact.words))) {
    problems.push({ reason: "negation", detail: denies(folded) ? "denies what its facts state" : "drops its facts' negation" });
  }
  const claims = claimWords(folded, factWords, context.comparing);
  if (claims.length > 0) problems.push({ reason: "overstated", detail: claims.join(", ") });
  if (facts.some((fact) => reports(fact.words)) && !reports(folded)) problems.push({ reason: "overstated", detail: "a view reported as a fact" });
  const entities = entityProblems(plain, folded, facts, context);
  problems.push(...entities.problems);
  problems.push(...groundingProblems(folded, placed, facts, entities, context));
  return problems;
}

/** What the model typed where it had to place a slot or say nothing: links, figures, instructions, another language. */
function typedProblems(plain: string, folded: string, factWords: string, context: SentenceContext): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const typedLinks = links(plain);
  if (typedLinks.length > 0) problems.push({ reason: "invented-link", detail: typedLinks.join(", ") });
  const typedEmails = emails(plain);
  if (typedEmails.length > 0) problems.push({ reason: "invented-email", detail: typedEmails.join(", ") });
  const counted = context.comparing ? ` ${folded} `.replace(THE_TWO_ROLES, " ") : folded;
  const figures = [...digits(plain), ...quantityWords(counted).filter((word) => !hasWord(factWords, word) && !timeWordIn(word, factWords))];
  if (figures.length > 0) problems.push({ reason: "invented-number", detail: figures.join(", ") });
  const marks = markup(plain);
  if (marks.length > 0) problems.push({ reason: "markup", detail: marks.join(" ") });
  const markers = [...INJECTION_MARKERS, ...SELF_TALK].filter((marker) => hasWord(folded, marker));
  if (markers.length > 0) problems.push({ reason: "injection-echo", detail: markers.join(", ") });
  const detected = detectLocale(plain, folded.split(" "), context.locale);
  if (detected !== context.locale) problems.push({ reason: "wrong-language", detail: `a sentence reads as ${detected}` });
  return problems;
}

/** Every fact a sentence cites is used, and most of what it says comes from those facts. */
function groundingProblems(folded: string, placed: readonly string[], facts: readonly SlottedFact[], entities: Entities, context: SentenceContext): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const { namedRoles, nameWords, terms } = entities;
  const words = folded.split(" ").filter(Boolean);
  const own = contentWords(folded);
  const unused = facts.filter((fact) => {
    if (placed.some((token) => context.slotted.slots.get(token)?.factId === fact.id)) return false;
    // A role's name is used by any of the role's names: « architecte pédagogique » for la.name.
    if (fact.id.endsWith(".name") && context.ownersOf(fact.id).some((id) => namedRoles.has(id))) return false;
    // A skill or role the fact names, named in the sentence: "facilitation" for et.skill.facilitation.
    if (terms.some((term) => hasWord(fact.words, term))) return false;
    const factContent = contentWords(fact.words);
    const shared = factContent.filter((word) => own.includes(word) || own.includes(`${word}s`) || own.includes(word.replace(/s$/, ""))).length;
    return shared < Math.min(2, factContent.length);
  });
  if (unused.length > 0) problems.push({ reason: "unused-fact-id", detail: unused.map((fact) => fact.id).join(", ") });
  const factWords = facts.map((fact) => fact.words).join(" ");
  // Role and skill names were checked above: the share is of the other words, when the facts have some to share.
  if (contentWords(facts.flatMap((fact) => wordsBesideNames(fact, context.terms)).join(" ")).length < GROUNDED_MIN_WORDS) return problems;
  const said = contentWords(words.filter((_, i) => !nameWords.has(i)).join(" "));
  const grounded = said.filter((word) => hasWord(factWords, word) || hasWord(factWords, word.replace(/s$/, "")) || hasWord(factWords, `${word}s`)).length;
  if (said.length >= GROUNDED_MIN_WORDS && grounded / said.length < GROUNDED_SHARE) problems.push({ reason: "ungrounded", detail: `${grounded} of ${said.length} words from its facts` });
  return problems;
}
