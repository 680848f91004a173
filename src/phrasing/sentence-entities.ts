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
const CLAUSE_PUNCTUATION = /[,;:]/u;
const CLAUSE_WORDS = new Set(["and", "while", "whereas", "but", "unlike", "et", "tandis", "mais", "alors", "contrairement"]);
/** "Every learning designer can …", « tout concepteur peut … »: a role's every holder, which a fact rarely says. */
const EVERY = new Set(["every", "any", "all", "each", "tout", "toute", "tous", "toutes", "chaque", "n importe"]);
const LEVEL_WORDS = new Set(["level", "levels", "niveau", "niveaux", "target", "targets", "cible", "cibles"]);
/** Words that give a move its direction: which role comes first matters. */
const DIRECTION = / (?:to|into|towards|toward|from|springboard|stepping stone|vers|tremplin|passerelle|devenir|become|becomes) /;

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

/** The clause number of each word of the sentence; "and" inside a name ("Technology and provider watch") ends none. */
function clausesOf(plain: string, mentions: readonly Mention[]): number[] {
  const inName = (i: number) => mentions.some((m) => i >= m.start && i < m.end);
  const clauses: number[] = [];
  let clause = 0;
  for (const piece of plain.split(CLAUSE_PUNCTUATION)) {
    for (const word of fold(piece).split(" ").filter(Boolean)) {
      if (CLAUSE_WORDS.has(word) && !inName(clauses.length)) clause++;
      clauses.push(clause);
    }
    clause++;
  }
  return clauses;
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

  const clauses = clausesOf(plain, mentions);
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
  // A fact about one role, restated of the other role asked about: "the DLM turns strategy into
  // programmes" citing la.summary. A sentence naming both leaves it to the clauses' skills.
  const subjects = [...namedRoles].filter((id) => context.roleIds.includes(id));
  if (subjects.length === 1) {
    for (const fact of facts) {
      if (fact.id.startsWith("both.") || fact.id.endsWith(".name")) continue;
      const about = [...context.ownersOf(fact.id), ...rolesNamedIn(fact, context.terms)];
      if (!about.some((id) => subjects.includes(id))) misattributed.push(fact.id);
    }
  }
  misattributed.push(...reversedMoves(folded, roles, facts, context));
  if (misattributed.length > 0) problems.push({ reason: "misattributed", detail: misattributed.join(", ") });

  const everyone = roles.filter((m) => EVERY.has(words[m.start - 1] ?? "") || (EVERY.has(words[m.start - 2] ?? "") && ["les", "the", "le", "la"].includes(words[m.start - 1] ?? "")));
  const universal = everyone.map((m) => words[m.start - 1] === "les" || words[m.start - 1] === "the" ? words[m.start - 2]! : words[m.start - 1]!).filter((word) => !factWords.includes(word));
  if (universal.length > 0) problems.push({ reason: "overstated", detail: universal.map((word) => `${word} <role>`).join(", ") });

  const levels = levelProblems(words, factWords, context.vocabulary);
  if (levels.length > 0) problems.push({ reason: "invented-number", detail: levels.map((level) => `level ${level}`).join(", ") });

  const nameWords = new Set(mentions.flatMap((m) => Array.from({ length: m.end - m.start }, (_, i) => m.start + i)));
  const names = unknownWords(plain, words, nameWords, factWords, context.vocabulary);
  if (names.length > 0) problems.push({ reason: "invented-name", detail: names.slice(0, 8).join(", ") });
  return { problems, namedRoles, nameWords, terms: mentions.map((m) => m.term) };
}

/** Two roles named in a move the other way round from their fact: "from RF to TPM" where the fact says "from TPM to RF". */
function reversedMoves(folded: string, roles: readonly Mention[], facts: readonly SlottedFact[], context: SentenceContext): string[] {
  if (!DIRECTION.test(` ${folded} `)) return [];
  const order = roles.flatMap((m) => m.roleIds).filter((id, i, all) => all.indexOf(id) === i);
  const reversed: string[] = [];
  for (const fact of facts) {
    const factOrder = firstNamed(fact, context);
    const shared = order.filter((id) => factOrder.includes(id));
    if (shared.length === 2 && factOrder.indexOf(shared[0]!) > factOrder.indexOf(shared[1]!)) reversed.push(`${fact.id} (reversed)`);
  }
  return reversed;
}

/** The roles a fact names, in the order it names them. */
function firstNamed(fact: SlottedFact, context: SentenceContext): string[] {
  // A move goes from the role its id names to the role the path leads to, whatever its words say.
  const move = /\.move\.(.+)$/.exec(fact.id)?.[1];
  if (move && context.roleIds[0]) return [move, context.roleIds[0]];
  const { terms, ownersOf } = context;
  const roles = mentionsOf(fact.words, fact.words.split(" "), terms).filter((m) => m.kind === "role");
  const named = roles.flatMap((m) => m.roleIds);
  // "The position is a springboard to RF": a fact about its role, which it does not name, speaks of it first.
  const subject = /\.(?:gap|move)\./.test(fact.id) ? [] : ownersOf(fact.id).filter((id) => !named.includes(id));
  return [...subject, ...named].filter((id, i, all) => all.indexOf(id) === i);
}

/** The skill levels a sentence names ("Expert", « Maîtrise ») that its facts do not: a level is a figure. */
function levelProblems(words: readonly string[], factWords: readonly string[], vocabulary: PhrasingVocabulary): string[] {
  const inFacts = new Set(factWords);
  // Said as a level: next to "level", « niveau », "target", « cible » ("Expert level"), not "subject-matter experts".
  const saidAsLevel = (i: number) => words.slice(Math.max(0, i - 2), i + 3).some((word) => LEVEL_WORDS.has(word));
  return [...new Set(words.filter((word, i) => vocabulary.isLevel(word) && !inFacts.has(word) && saidAsLevel(i)))];
}

/** Words neither in the facts, the catalogue's names nor the word list; capitalised ones too; names typed instead of placed. */
function unknownWords(plain: string, words: readonly string[], nameWords: ReadonlySet<number>, factWords: readonly string[], vocabulary: PhrasingVocabulary): string[] {
  const inFacts = new Set(factWords);
  const known = (word: string) => inFacts.has(word) || vocabulary.knows(word);
  const unknown = words.filter((word, i) => !nameWords.has(i) && !/^\d+$/.test(word) && !checkedWord(word) && !known(word));
  // "Amazon", "Orange": a capital where no sentence starts marks a name, even of an ordinary word.
  const capitalised = capitalisedWords(plain).filter((word) => !fold(word).split(" ").every((part) => inFacts.has(part) || vocabulary.isCatalogueWord(part)));
  const typed = vocabulary.names.filter((name) => spans(words, name).length > 0 && spans(factWords, name).length === 0);
  // "Zoom is the tool …": a capital at the start hides a name in a frequent word.
  const first = /^[^\p{L}]*(\p{Lu}[\p{L}\p{N}]*)/u.exec(plain)?.[1];
  const opener = first && !nameWords.has(0) && !inFacts.has(fold(first)) && !checkedWord(fold(first)) && !vocabulary.startsSentence(fold(first)) ? [fold(first)] : [];
  return [...new Set([...unknown, ...capitalised.map(fold), ...typed, ...opener])];
}
