import { fold } from "../understanding/normalize.js";
import { capitalisedWords, checkedWord } from "./answer-mentions.js";
import type { CatalogueTerms } from "./catalogue-terms.js";
import type { SlottedFact } from "./fact-slots.js";
import type { PhrasingVocabulary } from "./phrasing-vocabulary.js";
import type { AnswerProblem, SentenceContext } from "./sentence-checks.js";

/** A catalogue role or skill named in a sentence, as word offsets [start, end). */
interface Mention {
  start: number;
  end: number;
  kind: "role" | "skill";
  term: string;
  roleIds: readonly string[];
}

/** Where a clause ends: "X belongs to A, and Y to B" gives each skill its own role. */
const CLAUSE_BREAK = /[,;:]|\b(?:and|while|whereas|but|unlike|et|tandis|mais|alors|contrairement)\b/iu;

/** Words that say two roles have something in common. */
const SHARING = / (?:both|share|shares|shared|sharing|in common|so does|so do|as well|too|commun|communs|commune|communes|partagent|partage|partagee|partagees|les deux|tous deux|toutes deux|aussi|egalement) /;
/** Words that keep a skill to one role in a sentence about sharing: "only the LA", « seul le DLM ». */
const RESTRICTING = / (?:only|alone|just|whereas|while|unlike|seul|seule|seuls|uniquement|seulement|tandis|contrairement) /;

const singular = (word: string) => word.replace(/[sx]$/, "");

/** Every span where a folded term stands in folded words, plurals allowed. */
function spans(words: readonly string[], term: string): number[] {
  const termWords = term.split(" ").map(singular);
  const found: number[] = [];
  for (let i = 0; i + termWords.length <= words.length; i++) if (termWords.every((t, j) => singular(words[i + j]!) === t)) found.push(i);
  return found;
}

/**
 * The roles and skills a sentence names, longest first, none inside another: "learning manager"
 * is not read inside "Digital Learning Manager", and a skill's name wins over a role's alias that
 * reads the same ("learning experience design").
 */
function mentionsOf(plain: string, words: readonly string[], terms: CatalogueTerms): Mention[] {
  const all: Mention[] = [];
  for (const term of terms.skillTerms) for (const start of spans(words, term.folded)) all.push({ start, end: start + term.folded.split(" ").length, kind: "skill", term: term.folded, roleIds: term.roleIds });
  for (const term of terms.roleTerms) for (const start of spans(words, term.folded)) all.push({ start, end: start + term.folded.split(" ").length, kind: "role", term: term.folded, roleIds: term.roleIds });
  // Abbreviations are matched as written: folded, "LA" is the French article.
  plain.split(/[^\p{L}\p{N}]+/u).filter(Boolean).forEach((word, start) => {
    const roleId = terms.abbreviations.get(word) ?? terms.abbreviations.get(word.replace(/s$/, ""));
    if (roleId) all.push({ start, end: start + 1, kind: "role", term: fold(word), roleIds: [roleId] });
  });
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || (a.kind === "skill" ? -1 : 1));
  const kept: Mention[] = [];
  for (const mention of all) if (kept.every((k) => mention.end <= k.start || mention.start >= k.end)) kept.push(mention);
  return kept.sort((a, b) => a.start - b.start);
}

/** The words of a fact that are no role or skill name: none, or one, for `both.skill.x` and `dlm.gap.x`. */
export function wordsBesideNames(fact: SlottedFact, terms: CatalogueTerms): string[] {
  const words = fact.words.split(" ").filter(Boolean);
  const taken = new Set<number>();
  for (const term of [...terms.skillTerms, ...terms.roleTerms]) {
    const length = term.folded.split(" ").length;
    for (const start of spans(words, term.folded)) for (let i = start; i < start + length; i++) taken.add(i);
  }
  return words.filter((_, i) => !taken.has(i));
}

/** The clause number of each word of the sentence. */
function clausesOf(plain: string): number[] {
  return plain.split(CLAUSE_BREAK).flatMap((clause, i) => fold(clause).split(" ").filter(Boolean).map(() => i));
}

/** The roles a fact's own words name. */
function rolesNamedIn(fact: SlottedFact, terms: CatalogueTerms): string[] {
  const words = fact.words.split(" ");
  return terms.roleTerms.filter((term) => spans(words, term.folded).length > 0).flatMap((term) => term.roleIds);
}

export interface Entities {
  problems: AnswerProblem[];
  namedRoles: Set<string>;
  /** Offsets of the words that are part of a role or skill name the checks accepted. */
  nameWords: Set<number>;
  /** The role and skill names the sentence uses, folded. */
  terms: string[];
}

/**
 * Roles, skills and names: each one the sentence names is in its own facts or about their role,
 * each skill goes with a role that has it, each fact with a role the sentence names, and no word
 * is unknown to the facts, the catalogue and the word list (an invented name, whatever its case).
 */
export function entityProblems(plain: string, folded: string, facts: readonly SlottedFact[], context: SentenceContext): Entities {
  const problems: AnswerProblem[] = [];
  const words = folded.split(" ").filter(Boolean);
  const mentions = mentionsOf(plain, words, context.terms);
  const factWords = facts.map((fact) => fact.words).join(" | ").split(" ");
  const inFacts = (term: string) => spans(factWords, term).length > 0;
  const owners = new Set(facts.flatMap((fact) => context.ownersOf(fact.id)));
  const roles = mentions.filter((m) => m.kind === "role");
  const namedRoles = new Set(roles.flatMap((m) => m.roleIds));

  const strangeRoles = roles.filter((m) => !inFacts(m.term) && !m.roleIds.some((id) => owners.has(id))).map((m) => m.term);
  if (strangeRoles.length > 0) problems.push({ reason: "invented-role", detail: [...new Set(strangeRoles)].join(", ") });

  const skills = mentions.filter((m) => m.kind === "skill");
  const strangeSkills = skills.filter((m) => !inFacts(m.term)).map((m) => m.term);
  if (strangeSkills.length > 0) problems.push({ reason: "invented-skill", detail: strangeSkills.join(", ") });

  const clauses = clausesOf(plain);
  const clauseText = (n: number) => ` ${words.filter((_, i) => clauses[i] === n).join(" ")} `;
  const sharing = context.comparing && SHARING.test(` ${folded} `);
  const misattributed: string[] = [];
  for (const skill of skills) {
    const holders = facts.filter((fact) => spans(fact.words.split(" "), skill.term).length > 0);
    if (holders.length === 0) continue;
    // "Both need X", "the LA needs X, and so does the DLM": X must be a shared skill.
    if (sharing && !holders.some((fact) => fact.id.startsWith("both.")) && !RESTRICTING.test(clauseText(clauses[skill.start]!))) {
      misattributed.push(`${skill.term} (not shared)`);
      continue;
    }
    const rightful = new Set(holders.flatMap((fact) => [...context.ownersOf(fact.id), ...rolesNamedIn(fact, context.terms)]));
    const sameClause = roles.filter((role) => clauses[role.start] === clauses[skill.start]);
    if (sameClause.length > 0 && !sameClause.some((role) => role.roleIds.some((id) => rightful.has(id)))) misattributed.push(skill.term);
  }
  // A fact about one role, restated of another role asked about: "the DLM turns strategy into programmes" citing la.summary.
  const subjects = [...namedRoles].filter((id) => context.roleIds.includes(id));
  if (subjects.length > 0) {
    for (const fact of facts) {
      if (fact.id.startsWith("both.") || fact.id.endsWith(".name")) continue;
      const about = [...context.ownersOf(fact.id), ...rolesNamedIn(fact, context.terms)];
      if (!about.some((id) => subjects.includes(id))) misattributed.push(fact.id);
    }
  }
  if (misattributed.length > 0) problems.push({ reason: "misattributed", detail: misattributed.join(", ") });

  const nameWords = new Set(mentions.flatMap((m) => Array.from({ length: m.end - m.start }, (_, i) => m.start + i)));
  const names = unknownWords(plain, words, nameWords, factWords, context.vocabulary);
  if (names.length > 0) problems.push({ reason: "invented-name", detail: names.slice(0, 8).join(", ") });
  return { problems, namedRoles, nameWords, terms: mentions.map((m) => m.term) };
}

/** Words neither in the facts, the catalogue's names nor the word list; capitalised ones too; names typed instead of placed. */
function unknownWords(plain: string, words: readonly string[], nameWords: ReadonlySet<number>, factWords: readonly string[], vocabulary: PhrasingVocabulary): string[] {
  const inFacts = new Set(factWords);
  const known = (word: string) => inFacts.has(word) || vocabulary.knows(word);
  const unknown = words.filter((word, i) => !nameWords.has(i) && !/^\d+$/.test(word) && !checkedWord(word) && !known(word));
  // "Amazon", "Orange": a capital where no sentence starts marks a name, even of an ordinary word.
  const capitalised = capitalisedWords(plain).filter((word) => !fold(word).split(" ").every((part) => inFacts.has(part) || vocabulary.isCatalogueWord(part)));
  const typed = vocabulary.names.filter((name) => spans(words, name).length > 0 && spans(factWords, name).length === 0);
  return [...new Set([...unknown, ...capitalised.map(fold), ...typed])];
}
