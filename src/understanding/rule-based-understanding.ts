import type { RoleCatalog } from "../catalog/role-catalog.js";
import { announcementDetails } from "./announcement-details.js";
import { detectLocale } from "./detect-locale.js";
import { INTENT_CUES, ROLE_INTENTS, type CueIntent } from "./intent-cues.js";
import { fold } from "./normalize.js";
import { RoleMatcher, type RoleMention } from "./role-matcher.js";
import { surveyDetails } from "./survey-details.js";
import type { Intent, UnderstandOptions, Understanding, Understood } from "./understanding.js";

/** Questions longer than this are cut before matching: nobody asks about a role in 2,000 words. */
const MAX_ANALYSED_CHARS = 1000;
const TARGET_CUE = /(?:^| )(?:devenir|deviens|devient|become|becoming|vers|to|into|towards|passer a|evoluer|aller|switch|vise|viser|aim|aiming|target|poste de)(?: |$)/;
const CURRENT_CUE = /(?:^| )(?:suis|am|i m|im|work as|working as|travaille comme|currently|actuellement|en tant que|from|passer de|passe de|venir de|viens de|vient de|coming from)$/;
/** The catalogue holds no pay data: a salary question is not answered with a role description. */
const OUT_OF_SCOPE = /(?:^| )(?:salaire|salaires|salary|earn|earns|gagne|gagnent|remuneration|paid|pay|paye|combien gagne)(?: |$)/;
/** "formateur ou ingénieur pédagogique ?": two roles joined by "or" are being weighed against each other. */
const BETWEEN_COMPARED = /^(?:ou|or|ou bien|vs|versus|contre|et|and)$/;
/**
 * A self-assessment or a questionnaire aimed at the team ("can my squad rate themselves…",
 * « questionnaire … pour mes gars », "skills check for the team") is a survey the manager sends,
 * not an assessment the user takes. A mere rating verb needs the user's own people: "how does a
 * training manager evaluate the team?" is a question about the role.
 */
const MY_PEOPLE = /(?:^| )(?:(?:my|our|mon|ma|notre) (?:\d+ )?(?:team|teams|squad|crew|equipe|equipes|team members|service|department)|(?:my|mes) (?:\d+ )?(?:guys|gars|folks|people|gens|troupes|staff|reports|direct reports|collaborateurs|collabs|collegues|colleagues|employees|salaries|agents|trainers|formateurs|n 1)|themselves|eux memes|their skills|leurs competences|each of them|chacun d entre eux)(?= |$)/;
const THE_TEAM = /(?:^| )(?:the|whole|l|toute l) (?:team|squad|equipe)(?= |$)/;
const RATING = /(?:^| )(?:rate|rating|assess|evaluate|evaluer|evalue|noter|tester|check|gauge|jauger|mesurer|measure|positionner|self assess|self rate|s auto evaluer|s autoevaluer|s evaluer|se noter|se positionner|auto evaluation|autoevaluation)(?= |$)/;
/** The user being assessed ("assess my skills"): an assessment, even when the team is named too. */
const ABOUT_ME = /(?:^| )(?:myself|moi meme|m evaluer|me evaluer|my skills|mes competences|my own|mes propres|my level|mon niveau|evaluate me|assess me|rate me|test me|evalue moi|teste moi)(?= |$)/;

/** Deterministic understanding: role names from the catalogue, intents from cue phrases. */
export class RuleBasedUnderstanding implements Understanding {
  private readonly matcher: RoleMatcher;

  constructor(catalog: RoleCatalog) {
    this.matcher = new RoleMatcher(catalog);
  }

  understand(text: string, options: UnderstandOptions = {}): Understood {
    // "SME trainer -> learning designer": an arrow reads as "to", so the target is found.
    const analysed = text.slice(0, MAX_ANALYSED_CHARS).replace(/\s*(?:->|→|=>)\s*/g, " to ");
    const words = fold(analysed).split(" ").filter(Boolean);
    const mentions = this.matcher.find(analysed);
    const masked = words.map((w, i) => (mentions.some((m) => i >= m.start && i < m.end) ? "_" : w)).join(" ");
    const locale = detectLocale(analysed, masked.split(" "), options.fallbackLocale ?? "en");
    const scores = scoreIntents(masked);
    const intent = OUT_OF_SCOPE.test(masked) ? "unknown" : aimedAtTeam(masked, scores) ? "survey.start" : chooseIntent(scores, mentions, words);
    const roles = intent === "unknown" || !needsRoles(intent) ? [] : orderRoles(intent, mentions, words);
    const typos = mentions.reduce((sum, m) => sum + m.typos, 0);
    const unresolved = mentions.length === 0 ? best(scores, ROLE_INTENTS.filter((i) => i !== "role.compare")) : undefined;
    const context = { locale, now: options.now ?? new Date(), timeZone: options.timeZone ?? "UTC" };
    return {
      text,
      intent,
      roles,
      locale,
      confidence: confidence(intent, scores, typos),
      suggestions: intent === "unknown" && mentions.length === 0 ? this.matcher.suggest(analysed) : [],
      ...(intent === "unknown" && unresolved ? { unresolvedRoleIntent: unresolved } : {}),
      ...(intent === "survey.start" ? { survey: surveyDetails(analysed, context) } : {}),
      // Read as typed: the arrow that reads as "to" above would change the message passed on.
      ...(intent === "announcement.create" ? { announcement: announcementDetails(text.slice(0, MAX_ANALYSED_CHARS), context) } : {}),
    };
  }
}

function scoreIntents(masked: string): Map<CueIntent, number> {
  const scores = new Map<CueIntent, number>();
  for (const [intent, cues] of Object.entries(INTENT_CUES) as [CueIntent, (typeof INTENT_CUES)[CueIntent]][]) {
    const score = cues.reduce((sum, c) => sum + (c.pattern.test(masked) ? c.weight : 0), 0);
    if (score > 0) scores.set(intent, score);
  }
  return scores;
}

function aimedAtTeam(masked: string, scores: Map<CueIntent, number>): boolean {
  if (ABOUT_ME.test(masked)) return false;
  const mine = MY_PEOPLE.test(masked);
  if (!mine && !THE_TEAM.test(masked)) return false;
  const surveyNamed = (scores.get("survey.start") ?? 0) >= 2.5;
  return surveyNamed || (scores.get("assessment.start") ?? 0) >= ACTION_NAMED || (mine && RATING.test(masked));
}

function best(scores: Map<CueIntent, number>, among: readonly CueIntent[]): CueIntent | undefined {
  let top: CueIntent | undefined;
  for (const intent of among) {
    if ((scores.get(intent) ?? 0) > (top ? scores.get(top)! : 0)) top = intent;
  }
  return top;
}

/**
 * Assessment, survey and announcement requests are actions: named outright ("sondage",
 * "announce"), they win over any role question; "my team" alone is not a survey.
 */
const ACTIONS: readonly CueIntent[] = ["assessment.start", "survey.start", "announcement.create"];
const ACTION_NAMED = 3;

function chooseIntent(scores: Map<CueIntent, number>, mentions: RoleMention[], words: string[]): Intent {
  const action = best(scores, ACTIONS);
  if (action && scores.get(action)! >= ACTION_NAMED) return action;
  if (mentions.length >= 2) {
    const [a, b] = mentions as [RoleMention, RoleMention];
    const chosen = best(scores, ROLE_INTENTS) ?? "role.describe";
    return chosen === "role.describe" && BETWEEN_COMPARED.test(words.slice(a.end, b.start).join(" ")) ? "role.compare" : chosen;
  }
  if (mentions.length === 1) return best(scores, ROLE_INTENTS.filter((i) => i !== "role.compare")) ?? "role.describe";
  const text = words.join(" ");
  if (scores.has("role.list")) return "role.list";
  if (scores.has("help")) return "help";
  // A greeting alone, not "hello, what is a software architect?"
  if (scores.has("greeting") && !best(scores, ROLE_INTENTS) && text.split(" ").length <= 4) return "greeting";
  return "unknown";
}

function needsRoles(intent: Intent): boolean {
  return (ROLE_INTENTS as readonly string[]).includes(intent) || intent === "assessment.start" || intent === "survey.start" || intent === "announcement.create";
}

/**
 * The target role comes first: in "I'm a trainer, how do I become a DLM?" that is the DLM. A role
 * right after a move cue is the target; failing that, a role right after "I am" is the current one.
 */
function orderRoles(intent: Intent, mentions: RoleMention[], words: string[]): string[] {
  const ids = mentions.map((m) => m.roleId);
  if (intent === "role.compare") return ids.slice(0, 2);
  if (mentions.length < 2) return ids;
  const before = (m: RoleMention) => words.slice(Math.max(0, m.start - 4), m.start).join(" ").replace(/ (?:un|une|a|an|le|la|the|l|d)$/, "");
  const current = (m: RoleMention) => CURRENT_CUE.test(before(m));
  const target = mentions.find((m) => TARGET_CUE.test(before(m)) && !current(m)) ?? mentions.find((m) => !current(m));
  return target ? [target.roleId, ...ids.filter((id) => id !== target.roleId)] : ids;
}

function confidence(intent: Intent, scores: Map<CueIntent, number>, typos: number): number {
  if (intent === "unknown") return 0.2;
  const cueScore = (scores as Map<string, number>).get(intent) ?? 0;
  const base = cueScore >= 2 ? 0.95 : cueScore > 0 ? 0.85 : 0.7;
  return Math.max(0.3, Math.round((base - typos * 0.1) * 100) / 100);
}
