import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { isRoleIntent } from "../understanding/intent-cues.js";
import { INTENTS, type Intent } from "../understanding/understanding.js";
import { compareRoles } from "./compare-answer.js";
import { compareSeveral, personLookup, smallTalk, whichRole } from "./conversation-answers.js";
import { help, listRoles, notUnderstood, plainText } from "./general-answers.js";
import { rolePath } from "./path-answer.js";
import type { Reply } from "./reply.js";
import { describeRole, roleMissions, roleProfile, roleSkills } from "./role-answers.js";

/**
 * A role's missions in full, asked for by the button under its short first answer or by a
 * follow-up ("its missions?", "tell me more"). Understanding never reports it: it is no Intent.
 */
export const ROLE_DETAILS = "role.missions";

/** What an answer can be asked for: an intent understood, or a description's details. */
export type AnswerIntent = Intent | typeof ROLE_DETAILS;

/** Every request a button may carry as its action id. */
export const ANSWER_INTENTS: readonly AnswerIntent[] = [...INTENTS, ROLE_DETAILS];

/** The intent a request stands for where only understood ones are known: a description's details are a description. */
const understoodAs = (intent: AnswerIntent): Intent => (intent === ROLE_DETAILS ? "role.describe" : intent);

export interface AnswerRequest {
  intent: AnswerIntent;
  roles: readonly string[];
  locale: Locale;
  suggestions?: readonly string[];
}

/** A request that gets a role answer: which answer, about which catalogue roles. */
export type RoleQuestion =
  | { intent: "role.describe" | "role.missions" | "role.skills" | "role.profile"; role: Role }
  | { intent: "role.path"; role: Role; from: Role | undefined }
  | { intent: "role.compare"; role: Role; other: Role; more: Role[] };

/**
 * The role answer a request gets, or `undefined` when it gets none (another intent, or no role the
 * catalogue knows). The phrasing fact list asks this too, so it always describes the answer shown.
 */
export function roleQuestion(catalog: RoleCatalog, request: AnswerRequest): RoleQuestion | undefined {
  const [role, second, ...more] = request.roles.map((id) => catalog.find(id));
  if (!role) return undefined;
  switch (request.intent) {
    case "role.describe":
    case "role.missions":
    case "role.skills":
    case "role.profile":
      return { intent: request.intent, role };
    case "role.path":
      return { intent: "role.path", role, from: second };
    case "role.compare":
      // With a single known role there is nothing to compare it with: say what it is.
      return second ? { intent: "role.compare", role, other: second, more: more.filter((r): r is Role => r !== undefined) } : { intent: "role.describe", role };
    default:
      return undefined;
  }
}

/** Template answers: every word comes from the catalogue or the locale's messages. */
export function answer(catalog: RoleCatalog, request: AnswerRequest): Reply {
  const { intent, locale } = request;
  const m = messages(locale);
  switch (intent) {
    case "role.list":
      return listRoles(catalog, locale);
    case "help":
      return help(locale);
    case "greeting":
      return help(locale, m.greeting);
    case "thanks":
    case "goodbye":
    case "ok":
      return smallTalk(intent, locale);
    case "person.lookup":
      return personLookup(known(catalog, request.roles), locale);
    case "survey.start":
      return plainText(m.inConversation.survey);
    case "announcement.create":
      return plainText(m.inConversation.announcement);
    case "assessment.start": // run by the assessment flow; reaching here means no flow took it
      return help(locale);
    default:
      break;
  }
  const question = roleQuestion(catalog, request);
  // "And its skills?" with no role in the conversation: which one?
  if (!question && request.roles.length === 0 && isRoleIntent(understoodAs(intent))) return whichRole(catalog, understoodAs(intent), locale);
  if (!question) return notUnderstood(catalog, request.suggestions ?? [], locale);
  switch (question.intent) {
    case "role.describe":
      return describeRole(catalog, question.role, locale);
    case "role.missions":
      return roleMissions(catalog, question.role, locale);
    case "role.skills":
      return roleSkills(catalog, question.role, locale);
    case "role.profile":
      return roleProfile(catalog, question.role, locale);
    case "role.path":
      return rolePath(catalog, question.role, locale, question.from);
    case "role.compare":
      return question.more.length > 0 ? compareSeveral(catalog, [question.role, question.other, ...question.more], locale) : compareRoles(catalog, question.role, question.other, locale);
  }
}

function known(catalog: RoleCatalog, ids: readonly string[]): Role[] {
  return ids.flatMap((id) => catalog.find(id) ?? []);
}
