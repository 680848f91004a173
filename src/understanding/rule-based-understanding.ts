import type { RoleCatalog } from "../catalog/role-catalog.js";
import { announcementDetails } from "./announcement-details.js";
import { detectLocale } from "./detect-locale.js";
import { IntentCues, ROLE_INTENTS, type CueIntent, type CueReading } from "./intent-cues.js";
import { fold } from "./normalize.js";
import { inSpans, requestFocus, type WordSpans } from "./request-focus.js";
import { realWords } from "./real-words.js";
import { RoleActivities } from "./role-activities.js";
import { RoleMatcher, type RoleMention } from "./role-matcher.js";
import { surveyDetails } from "./survey-details.js";
import type { Intent, UnderstandOptions, Understanding, Understood } from "./understanding.js";

/** Questions longer than this are cut before matching: nobody asks about a role in 2,000 words. */
const MAX_ANALYSED_CHARS = 1000;
/** Said between "I'm" and the role: "I'm a trainer". */
const ARTICLES = new Set(["un", "une", "a", "an", "le", "la", "the", "l", "d"]);
const ONE_ROLE_INTENTS: readonly Intent[] = ["role.describe", "role.profile", "assessment.start", "survey.start", "announcement.create"];
/** Lengthened words ("merciii") come in short messages. */
const LENGTHENED_WORDS = 3;
/**
 * "formateur ou ingénieur pédagogique ?", "DLM, LA and LD?": roles listed with nothing but "or",
 * "and" or a comma between them are being weighed against each other.
 */
const LISTED_TOGETHER = /^(?:(?:ou|or|ou bien|vs|versus|contre|et|and)(?: (?:a|an|the|un|une|le|la|les|l))?)?$/;
/**
 * A self-assessment or a questionnaire aimed at the team ("can my squad rate themselves…",
 * « questionnaire … pour mes gars », "skills check for the team") is a survey the manager sends,
 * not an assessment the user takes. A mere rating verb needs the user's own people: "how does a
 * training manager evaluate the team?" is a question about the role.
 */
const MY_PEOPLE = /(?:^| )(?:(?:mes|nos) _|(?:my|our|mon|ma|notre) (?:\d+ )?(?:team|teams|squad|crew|equipe|equipes|team members|service|department)|(?:my|mes) (?:\d+ )?(?:guys|gars|folks|people|gens|troupes|staff|reports|direct reports|collaborateurs|collabs|collegues|colleagues|employees|salaries|agents|trainers|formateurs|n 1)|themselves|eux memes|their skills|leurs competences|each of them|chacun d entre eux)(?= |$)/;
const THE_TEAM = /(?:^| )(?:the|whole|l|toute l) (?:team|squad|equipe)(?= |$)/;
const RATING = /(?:^| )(?:rate|rating|assess|evaluate|evaluer|evalue|noter|tester|check|gauge|jauger|mesurer|measure|positionner|self assess|self rate|s auto evaluer|s autoevaluer|s evaluer|se noter|se positionner|auto evaluation|autoevaluation)(?= |$)/;
/** The user being assessed ("assess my skills"): an assessment, even when the team is named too. */
const ABOUT_ME = /(?:^| )(?:myself|moi meme|m evaluer|me evaluer|my skills|mes competences|my own|mes propres|my level|mon niveau|evaluate me|assess me|rate me|test me|evalue moi|teste moi)(?= |$)/;

/** Deterministic understanding: role names and cue phrases from the catalogue. */
export class RuleBasedUnderstanding implements Understanding {
  private readonly matcher: RoleMatcher;
  private readonly activities: RoleActivities;
  private readonly cues: IntentCues;
  private readonly shorthand: ReadonlyMap<string, string>;

  constructor(catalog: RoleCatalog, words: ReadonlySet<string> = realWords()) {
    this.matcher = new RoleMatcher(catalog);
    this.activities = new RoleActivities(catalog);
    this.cues = new IntentCues(catalog.cues, words);
    this.shorthand = catalog.cues.shorthand;
  }

  understand(text: string, options: UnderstandOptions = {}): Understood {
    // "SME trainer -> learning designer": an arrow reads as "to", so the target is found.
    const typed = chatShorthand(text.slice(0, MAX_ANALYSED_CHARS)).replace(/\s*(?:->|→|=>)\s*/g, " to ");
    const typedWords = fold(typed).split(" ").filter(Boolean);
    // Most messages clip no word: they are folded once.
    const clipped = typedWords.some((word) => this.shorthand.has(word));
    const analysed = clipped ? this.clippedWordsSpelt(typed) : typed;
    const words = clipped ? fold(analysed).split(" ").filter(Boolean) : typedWords;
    const names = this.matcher.find(analysed, words);
    const found = [...names, ...this.activities.find(words, names)].sort((a, b) => a.start - b.start);
    const maskedWords = words.map((w, i) => (found.some((m) => i >= m.start && i < m.end) ? "_" : w));
    const masked = maskedWords.join(" ");
    // "My training manager asked me to do the self-assessment": the role is who spoke, not the subject;
    // "my tutor is a learning designer, but what does an LA do?": who someone is, unless it is all.
    const outside = (spans: WordSpans) => (m: RoleMention) => !inSpans(spans, m.start);
    const reported = found.length > 0 ? found.filter(outside(this.cues.reportedSpans(maskedWords))) : found;
    const aboutOthers = reported.length > 1 ? reported.filter(outside(this.cues.someoneElseSpans(maskedWords))) : reported;
    const named = aboutOthers.length > 0 ? aboutOthers : reported;
    const locale = detectLocale(analysed, maskedWords, options.fallbackLocale ?? "en");
    const reading = this.readCues(masked, words.length);
    const comparing = best(reading.scores, ROLE_INTENTS) === "role.compare";
    const asked = this.requestRoles(named, analysed, words, comparing);
    const mentions = firstOfEachRole(asked);
    const message: Message = { words, mentions, reading, onlyTheUsersRole: () => mentions.every((m) => this.heldByTheUser(m, words, true)), namesNothingElse: () => this.cues.namesNothingElse(reading), pointsBack: () => this.cues.pointsBack(reading) };
    const { scores, text: cueText } = reading;
    const intent = this.cues.outOfScopeIn(reading) ? "unknown" : aimedAtTeam(cueText, scores) ? "survey.start" : namesAPerson(analysed, mentions, scores) ? "person.lookup" : chooseIntent(message);
    // "Je suis DLM et je dois communiquer …": who sends an announcement or a survey is not what it is about.
    const subjects = aboutRoles(intent, asked, mentions).filter((m) => !SENT_BY_THE_USER.includes(intent) || !this.heldByTheUser(m, words, true));
    const roles = intent === "unknown" || !needsRoles(intent) ? [] : this.orderRoles(intent, subjects, words);
    const typos = mentions.reduce((sum, m) => sum + m.typos, 0);
    const context = { locale, now: options.now ?? new Date(), timeZone: options.timeZone ?? "UTC" };
    return {
      text,
      intent,
      roles,
      locale,
      confidence: confidence(intent, scores, typos),
      suggestions: intent === "unknown" && mentions.length === 0 ? this.matcher.suggest(analysed) : [],
      ...(intent === "survey.start" ? { survey: surveyDetails(analysed, context) } : {}),
      // Read as typed: the arrow that reads as "to" above would change the message passed on.
      ...(intent === "announcement.create" ? { announcement: announcementDetails(text.slice(0, MAX_ANALYSED_CHARS), context) } : {}),
    };
  }

  /**
   * The roles a longer message asks about: those of its request, and the user's own wherever it is
   * said ("I'm a trainer. … How do I become an ID?"), when the request names one; every role when
   * it names none (« Il va faire quoi précisément ? ») or, asking for a comparison, only one.
   */
  private requestRoles(named: RoleMention[], text: string, words: string[], comparing: boolean): RoleMention[] {
    const focus = requestFocus(text, words.length);
    if (!focus) return named;
    const asked = firstOfEachRole(named.filter((m) => inSpans(focus, m.start)));
    if (asked.length === 0 || (comparing && asked.length < 2)) return named;
    // "I want to become an LA. Is it realistic for a trainer?": the aim said before stays too.
    return named.filter((m) => inSpans(focus, m.start) || this.heldByTheUser(m, words) || this.cues.namesTargetRole(wordsBefore(m, words)));
  }

  /** "training mgr", « l'archi péda »: clipped words read as the words they stand for (cues.<locale>.yaml). */
  private clippedWordsSpelt(text: string): string {
    return text.replace(/[\p{L}\p{N}]+/gu, (word) => this.shorthand.get(ASCII_WORD.test(word) ? word.toLowerCase() : fold(word)) ?? word);
  }

  /** The role the user says they hold: "I'm a trainer", « en tant que RF », "As a DLM, …". */
  private heldByTheUser(mention: RoleMention, words: string[], saidOfThemselves = false): boolean {
    const before = wordsBefore(mention, words);
    // "I run the onboarding sessions", « c'est moi qui anime … »: the user's own work, not one aimed at.
    if (mention.byActivity) {
      const mine = before.slice(-3).some((word) => FIRST_PERSON.has(word)) || before.slice(-2).join(" ") === "moi qui";
      return mine && !this.cues.namesTargetRole(before);
    }
    // "coming from DLM" says where a move starts; only "I'm a DLM" says who is speaking.
    if (this.cues.namesCurrentRole(before)) return !saidOfThemselves || before.some((word) => FIRST_PERSON.has(word));
    // Said first, "as" is who is speaking; later ("evaluate me as a DLM") it is the role aimed at.
    // So is a role said first and followed by "here": "Hi, learning designer here (3 years) …".
    if (mention.start > OPENING_REACH) return false;
    const opening = words.slice(0, mention.start);
    if (HERE.has(words[mention.end] ?? "")) return this.cues.onlyOpeners(opening);
    const said = ARTICLES.has(opening.at(-1) ?? "") ? opening.slice(0, -1) : opening;
    return OPENING_AS.some((as) => said.slice(-as.length).join(" ") === as.join(" ") && this.cues.onlyOpeners(said.slice(0, -as.length)));
  }

  /**
   * A short message in which no cue is found is read again with its words' lengthened endings
   * cut ("mercii", "okk", "byeee"): not always, since "all" and "skill" end in two letters too.
   */
  private readCues(masked: string, wordCount: number): CueReading {
    const reading = this.cues.read(masked);
    if (reading.scores.size > 0 || wordCount > LENGTHENED_WORDS) return reading;
    const shortened = masked.replace(/(\p{L})\1+(?= |$)/gu, "$1");
    return shortened === masked ? reading : this.cues.read(shortened);
  }

  /**
   * The target role comes first: in "I'm a trainer, how do I become a DLM?" that is the DLM. A role
   * right after a move cue is the target; failing that, a role right after "I am" is the current one.
   */
  private orderRoles(intent: Intent, mentions: RoleMention[], words: string[]): string[] {
    const ids = mentions.map((m) => m.roleId);
    if (intent === "role.compare" || mentions.length < 2) return ids;
    const current = (m: RoleMention) => this.heldByTheUser(m, words);
    const aimedAt = (m: RoleMention) => this.cues.namesTargetRole(wordsBefore(m, words));
    // « je vise un poste de RF »: the aim outweighs the « de » that often says where one comes from.
    const target = mentions.find((m) => aimedAt(m) && !current(m)) ?? mentions.find(aimedAt) ?? mentions.find((m) => !current(m));
    const ordered = target ? [target.roleId, ...ids.filter((id) => id !== target.roleId)] : ids;
    // The skills asked about are another role's than the user's ("I'm a trainer, what skills does a
    // TPM need?"), unless the user aims at it: then the gap between both ("… to become a TPM?").
    if (intent === "role.skills" && !mentions.some(aimedAt) && mentions.some((m) => !current(m))) return ordered.filter((id) => mentions.some((m) => m.roleId === id && !current(m)));
    // What one role is, who holds it, and the requests made about one role are about that role:
    // "I'm an L&D manager, what's a DLM?", "mostly ex-trainers?" name where the asker or the
    // holders come from. Skills, a path and a comparison keep the others.
    return ONE_ROLE_INTENTS.includes(intent) ? ordered.slice(0, 1) : ordered;
  }
}

/** The few words said before a role, its article left out: "become" in "become a DLM". */
function wordsBefore(mention: RoleMention, words: readonly string[]): string[] {
  const near = words.slice(Math.max(0, mention.start - 4), mention.start);
  return near.length > 1 && ARTICLES.has(near[near.length - 1]!) ? near.slice(0, -1) : near;
}

/** Said first, before a role: the user's own ("As a learning architect, could I …"). */
const OPENING_AS = ["as", "comme", "en tant que", "en tant qu"].map((phrase) => phrase.split(" "));
/** How far into a message its opening goes: "hello again, as a …". */
const OPENING_REACH = 8;
/** Said right after the user's role, first thing: "learning designer here", « RF depuis 10 ans ». */
const HERE = new Set(["here", "ici", "depuis", "since"]);
/** The user speaking of themselves, right before their role: "I'm a", « je suis », « chui ». */
const FIRST_PERSON = new Set(["i", "im", "je", "j", "suis", "chui", "jsuis", "tant"]);
const ASCII_WORD = /^[\x00-\x7f]+$/;
/** Requests whose sender may say their own role: it is not what they are about. */
const SENT_BY_THE_USER: readonly Intent[] = ["announcement.create", "survey.start"];
/**
 * "who is Sarah Martin?", « qui est Julie Moreau dans l'équipe Academy ? »: a person, named as people
 * are, with capitals, maybe with where they work.
 * Only the whole message: a role, or the bot's own name, is no person.
 */
const WHO_IS_NAMED = /^\s*(?:who is|who's|who’s|whos|qui est|c'est qui|c’est qui|c est qui)\s+\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}(?:\s+(?:from|in|at|on|de|du|des|d['’]|dans|à|au|chez)\s+[^?!.]{1,40}?)?\s*[?!.]*\s*$/u;
/**
 * "do you know who Priya from L&D is?", « tu connais Mehdi de l'équipe formation ? »: a person,
 * named with a capital, maybe with where they work.
 */
const KNOW_NAMED =
  /^\s*(?:do you know|do u know|you know|d'you know|tu connais|vous connaissez|connais-tu|connaissez-vous|tu sais qui est|vous savez qui est|tu sais qui c'est|sais-tu qui est)\s+(?:who\s+)?\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+)?(?:\s+(?:from|in|at|on|de|du|des|d['’]|dans|à|au)\s+[^?!.]{1,40}?)?(?:\s+is)?\s*[?!.]*\s*$/u;

/** The message up to its first question mark, which names the person; what follows says why they are asked about. */
const FIRST_QUESTION = /^[^?]*\?/;

function namesAPerson(text: string, mentions: RoleMention[], scores: Map<CueIntent, number>): boolean {
  if (mentions.length > 0 || (scores.get("help") ?? 0) >= HELP_NAMED) return false;
  // "Do you know …", "Who is …": the sentence's capital is no name's.
  const asked = (FIRST_QUESTION.exec(text)?.[0] ?? text).replace(/^\s*\p{Lu}/u, (first) => first.toLowerCase());
  return WHO_IS_NAMED.test(asked) || KNOW_NAMED.test(asked);
}

/** "@Parcours roles?": the bot addressed by name, as typed where a mention is not a link. */
const ADDRESSED = /^\s*@\p{L}[\p{L}\p{N}._-]*[\s,:]*/u;
/** « a+ », « @+ »: chat shorthand for « à plus », whose "+" no folding keeps. */
const SEE_YOU = /(^|\s)[aà@]\s?\+(?=\s|$|[!.,;)])/giu;

/** What chat typing writes with signs rather than words, read as the words. */
function chatShorthand(text: string): string {
  return text.replace(ADDRESSED, "").replace(SEE_YOU, "$1à plus");
}

/** One message as the rules see it. */
interface Message {
  words: string[];
  mentions: RoleMention[];
  reading: CueReading;
  /** "I'm a trainer, how do I use this?": every role named is the user's own. */
  onlyTheUsersRole: () => boolean;
  /** Asked only where it decides, since it looks at every cue's place. */
  namesNothingElse: () => boolean;
  pointsBack: () => boolean;
}

/**
 * People named in the plural are who is told or asked, not what about: "tell the trainers that the
 * DLM bootcamp is full" announces the DLM bootcamp; "survey my trainers about learning design
 * skills" asks about learning design, while "survey the DLMs" still asks about DLMs.
 */
function aboutRoles(intent: Intent, named: RoleMention[], mentions: RoleMention[]): RoleMention[] {
  if (intent !== "announcement.create" && intent !== "survey.start") return mentions;
  const singular = firstOfEachRole(named.filter((m) => !m.plural && !m.byActivity));
  return intent === "announcement.create" || singular.length > 0 ? singular : mentions;
}

/** A role named twice counts once, where it is first named. */
function firstOfEachRole(mentions: RoleMention[]): RoleMention[] {
  return mentions.filter((m, i) => mentions.findIndex((k) => k.roleId === m.roleId) === i);
}

function aimedAtTeam(masked: string, scores: Map<CueIntent, number>): boolean {
  if (ABOUT_ME.test(masked)) return false;
  const mine = MY_PEOPLE.test(masked);
  if (!mine && !THE_TEAM.test(masked)) return false;
  const surveyNamed = (scores.get("survey.start") ?? 0) >= 2.5;
  return surveyNamed || (scores.get("assessment.start") ?? 0) >= ACTION_NAMED || (mine && RATING.test(masked));
}

/** The highest-scoring of `among`; on a tie, the first listed. */
function best(scores: Map<CueIntent, number>, among: readonly CueIntent[]): CueIntent | undefined {
  let top: CueIntent | undefined;
  for (const intent of among) {
    if ((scores.get(intent) ?? 0) > (top ? scores.get(top)! : 0)) top = intent;
  }
  return top;
}

/**
 * Assessment, survey and announcement requests are actions: named outright ("sondage",
 * "announce", an order such as "evaluate me as a DLM"), they win over any role question; "my
 * team" alone is not a survey.
 */
const ACTIONS: readonly CueIntent[] = ["assessment.start", "survey.start", "announcement.create"];
const ACTION_NAMED = 3;
/** "Who is our DLM?" asks for a person: it outweighs the description its "who is" would ask for. */
const PERSON_NAMED = 5;
/** Help and the small talk around a conversation, weighed against each other; on a tie, the first. */
const CONVERSATIONAL: readonly CueIntent[] = ["help", "goodbye", "thanks", "greeting", "ok"];
/** "What can you do?" outweighs the "what do" of a role question. */
const HELP_NAMED = 3;
/**
 * Small talk is short: a longer message with a "great" in it says something else. Thanks and
 * goodbyes run longer ("thanks, that's exactly what I needed").
 */
const SMALL_TALK_WORDS: Partial<Record<CueIntent, number>> = { thanks: 8, goodbye: 8 };
const SHORT_MESSAGE = 4;
/** A hello and an introduction, both greeting cues (cues.<locale>.yaml). */
const INTRODUCED = 2;

function chooseIntent(message: Message): Intent {
  const { mentions, words } = message;
  const { scores } = message.reading;
  const action = best(scores, ACTIONS);
  if (action && scores.get(action)! >= ACTION_NAMED) return action;
  if ((scores.get("person.lookup") ?? 0) >= PERSON_NAMED) return "person.lookup";
  const question = best(scores, ROLE_INTENTS);
  if (mentions.length >= 2) {
    const chosen = question ?? "role.describe";
    return chosen === "role.describe" && listedTogether(mentions, words) ? "role.compare" : chosen;
  }
  if (mentions.length === 1) {
    // "I'm a training manager, how do I use this thing?": who asks, then what Parcours can do.
    const help = scores.get("help") ?? 0;
    if (help >= HELP_NAMED && help >= (question ? scores.get(question)! : 0) && message.onlyTheUsersRole()) return "help";
    // "compare with DLM": the other role is the conversation's. A weaker cue ("plutôt des hommes
    // ou des femmes ?") asks something else of that one role.
    if (question === "role.compare" && clearLead(scores, "role.compare", ROLE_INTENTS) && message.namesNothingElse()) return "role.compare";
    return best(scores, ROLE_INTENTS.filter((i) => i !== "role.compare")) ?? "role.describe";
  }
  const conversational = best(scores, CONVERSATIONAL);
  const helpScore = conversational === "help" ? scores.get("help")! : 0;
  if (helpScore >= HELP_NAMED && helpScore >= (scores.get("role.list") ?? 0)) return "help";
  // "compare les deux métiers": a comparison said outright weighs the jobs it names, not lists them.
  const listScore = scores.get("role.list");
  if (listScore !== undefined && !(question === "role.compare" && scores.get(question)! > listScore)) return "role.list";
  // A role question that names no role ("and its skills?") is about the conversation's role;
  // one that names something the catalogue does not know ("what does a software architect do?") is
  // not answered, unless it points back ("what are its main skills, in practice?"). Thanks and
  // goodbyes outweigh a stray cue word (« merci, passe une bonne journée »).
  if (question && smallTalkScore(scores) < scores.get(question)!) return message.namesNothingElse() || message.pointsBack() ? question : "unknown";
  if (conversational && (words.length <= (SMALL_TALK_WORDS[conversational] ?? SHORT_MESSAGE) || message.namesNothingElse() || opensWith(message, conversational))) return conversational;
  return "unknown";
}

/** How far ahead of every other intent of `among` an intent must be to decide alone. */
const CLEAR_LEAD = 2;

function clearLead(scores: Map<CueIntent, number>, intent: CueIntent, among: readonly CueIntent[]): boolean {
  const score = scores.get(intent) ?? 0;
  return among.every((other) => other === intent || score - (scores.get(other) ?? 0) >= CLEAR_LEAD);
}

/** "Thank you so much for your patience and …": thanks or a goodbye said first, whatever follows. */
function opensWith(message: Message, intent: CueIntent): boolean {
  const { opening, scores } = message.reading;
  if (!opening.has(intent)) return false;
  // "Hi! I'm Priya from the Bangalore team, just got access to you": a hello, however long, when
  // the rest says who is saying it (the greeting's own cues, a hello and an introduction).
  return SMALL_TALK_WORDS[intent] !== undefined || (intent === "greeting" && (scores.get("greeting") ?? 0) >= INTRODUCED);
}

function smallTalkScore(scores: Map<CueIntent, number>): number {
  return (["thanks", "goodbye", "ok"] as const).reduce((sum, intent) => sum + (scores.get(intent) ?? 0), 0);
}

function listedTogether(mentions: RoleMention[], words: string[]): boolean {
  return mentions.slice(1).every((m, i) => LISTED_TOGETHER.test(words.slice(mentions[i]!.end, m.start).join(" ")));
}

function needsRoles(intent: Intent): boolean {
  return (ROLE_INTENTS as readonly string[]).includes(intent) || ["assessment.start", "survey.start", "announcement.create", "person.lookup"].includes(intent);
}

function confidence(intent: Intent, scores: Map<CueIntent, number>, typos: number): number {
  if (intent === "unknown") return 0.2;
  const cueScore = (scores as Map<string, number>).get(intent) ?? 0;
  const base = cueScore >= 2 ? 0.95 : cueScore > 0 ? 0.85 : 0.7;
  return Math.max(0.3, Math.round((base - typos * 0.1) * 100) / 100);
}
