import type { Locale } from "../catalog/schema.js";
import { detectLocale } from "../understanding/detect-locale.js";
import { fold, tokens } from "../understanding/normalize.js";
import { capitalisedWords, emails, links, numbers, numberWords, NUMBER_WORDS, normaliseNumber } from "./answer-mentions.js";
import type { CatalogueTerms } from "./catalogue-terms.js";
import type { Fact } from "./fact-list.js";
import type { PhrasedAnswer } from "./phrasing-model.js";
import type { FallbackReason } from "./phrasing-stats.js";

/** The prompt asks for `promptChars`; an answer past `maxChars` is rejected (models overshoot a little). */
export const ANSWER_LIMITS = { promptChars: 600, minChars: 20, maxChars: 900 } as const;

export interface AnswerProblem {
  reason: FallbackReason;
  /** What was found, never the user's words (the model never had them). */
  detail: string;
}

export interface CheckContext {
  facts: readonly Fact[];
  locale: Locale;
  /** The request's roles: naming one of them by another of its catalogue names is not inventing. */
  roleIds: readonly string[];
  terms: CatalogueTerms;
}

/**
 * Instruction-like phrases that have no place in an answer about a role: their presence means
 * the model echoed an injection (from a fact or elsewhere) or talked about itself.
 */
const INJECTION_MARKERS = [
  "ignore previous instructions", "ignore all previous", "ignore the above", "previous instructions", "disregard",
  "system prompt", "as an ai", "language model", "jailbreak", "developer mode",
  "ignorez les instructions", "ignore les instructions", "instructions precedentes", "consignes precedentes",
  "oublie tes instructions", "oubliez vos instructions", "prompt systeme", "en tant qu ia", "modele de langage",
].map(fold);

/** Whole-word (or whole-phrase) presence in folded text, allowing a plural on any word ("responsables formation"). */
function mentions(foldedText: string, foldedTerm: string): boolean {
  const words = foldedTerm.split(" ").map((word) => `${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:s|x)?`);
  return new RegExp(`(?:^| )${words.join(" ")}(?= |$)`).test(foldedText);
}

/**
 * Every reason the answer cannot be shown, most telling first (an empty list means it may be
 * shown). All are reported, not only the first, so the evaluation can count each kind.
 */
export function answerProblems(answer: PhrasedAnswer, context: CheckContext): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const text = answer.answer.trim();
  const factText = context.facts.map((fact) => fact.text).join("\n");
  const foldedFacts = fold(factText);
  const foldedAnswer = fold(text);
  const inFacts = (value: string) => mentions(foldedFacts, fold(value));

  const ids = new Set(context.facts.map((fact) => fact.id));
  const unknownIds = answer.used_fact_ids.filter((id) => !ids.has(id));
  if (answer.used_fact_ids.length === 0) problems.push({ reason: "unknown-fact-id", detail: "no fact id cited" });
  if (unknownIds.length > 0) problems.push({ reason: "unknown-fact-id", detail: `unknown ids ${unknownIds.slice(0, 5).join(", ")}` });

  if (text.length < ANSWER_LIMITS.minChars || text.length > ANSWER_LIMITS.maxChars) {
    problems.push({ reason: "length", detail: `${text.length} characters` });
  }

  const detected = detectLocale(text, tokens(text), context.locale);
  if (detected !== context.locale) problems.push({ reason: "wrong-language", detail: `reads as ${detected}` });

  const markers = INJECTION_MARKERS.filter((marker) => mentions(foldedAnswer, marker) && !mentions(foldedFacts, marker));
  if (markers.length > 0) problems.push({ reason: "injection-echo", detail: markers.join(", ") });

  const strangeLinks = links(text).filter((link) => !inFacts(link));
  if (strangeLinks.length > 0) problems.push({ reason: "invented-link", detail: strangeLinks.join(", ") });
  const strangeEmails = emails(text).filter((email) => !inFacts(email));
  if (strangeEmails.length > 0) problems.push({ reason: "invented-email", detail: strangeEmails.join(", ") });

  const factNumbers = new Set(numbers(factText));
  const strangeNumbers = numbers(text).filter((n) => !factNumbers.has(n));
  const strangeWords = numberWords(text).filter((word) => !mentions(foldedFacts, word) && !factNumbers.has(normaliseNumber(String(NUMBER_WORDS.get(word)))));
  if (strangeNumbers.length + strangeWords.length > 0) {
    problems.push({ reason: "invented-number", detail: [...strangeNumbers, ...strangeWords].join(", ") });
  }

  const ownRoles = new Set(context.roleIds);
  const strangeRoles = context.terms.roleTerms
    .filter((term) => mentions(foldedAnswer, term.folded) && !mentions(foldedFacts, term.folded) && !term.roleIds.some((id) => ownRoles.has(id)))
    .map((term) => term.folded);
  for (const [abbreviation, roleId] of context.terms.abbreviations) {
    if (new RegExp(`\\b${abbreviation}s?\\b`).test(text) && !new RegExp(`\\b${abbreviation}\\b`).test(factText) && !ownRoles.has(roleId)) {
      strangeRoles.push(abbreviation);
    }
  }
  if (strangeRoles.length > 0) problems.push({ reason: "invented-role", detail: strangeRoles.join(", ") });

  const strangeSkills = context.terms.skillTerms.filter((term) => mentions(foldedAnswer, term.folded) && !mentions(foldedFacts, term.folded));
  if (strangeSkills.length > 0) problems.push({ reason: "invented-skill", detail: strangeSkills.map((term) => term.folded).join(", ") });

  // A word already reported as part of a catalogue role or skill is not reported twice.
  const reported = [...strangeRoles.map(fold), ...strangeSkills.map((term) => term.folded)].join(" | ");
  const strangeNames = [...new Set(capitalisedWords(text).filter((word) => !inFacts(word) && !mentions(reported, fold(word))))];
  if (strangeNames.length > 0) problems.push({ reason: "invented-name", detail: strangeNames.join(", ") });

  return problems;
}
