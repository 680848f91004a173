import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import type { Intent } from "../understanding/understanding.js";
import { compareRoles } from "./compare-answer.js";
import { help, listRoles, notUnderstood, plainText } from "./general-answers.js";
import { rolePath } from "./path-answer.js";
import type { Reply } from "./reply.js";
import { describeRole, roleProfile, roleSkills } from "./role-answers.js";

export interface AnswerRequest {
  intent: Intent;
  roles: readonly string[];
  locale: Locale;
  suggestions?: readonly string[];
}

/** A request that gets a role answer: which answer, about which catalogue roles. */
export type RoleQuestion =
  | { intent: "role.describe" | "role.skills" | "role.profile"; role: Role }
  | { intent: "role.path"; role: Role; from: Role | undefined }
  | { intent: "role.compare"; role: Role; other: Role };

/**
 * The role answer a request gets, or `undefined` when it gets none (another intent, or no role the
 * catalogue knows). The phrasing fact list asks this too, so it always describes the answer shown.
 */
export function roleQuestion(catalog: RoleCatalog, request: AnswerRequest): RoleQuestion | undefined {
  const [role, second] = request.roles.map((id) => catalog.find(id));
  if (!role) return undefined;
  switch (request.intent) {
    case "role.describe":
    case "role.skills":
    case "role.profile":
      return { intent: request.intent, role };
    case "role.path":
      return { intent: "role.path", role, from: second };
    case "role.compare":
      // With a single known role there is nothing to compare it with: say what it is.
      return second ? { intent: "role.compare", role, other: second } : { intent: "role.describe", role };
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
  if (!question) return notUnderstood(catalog, request.suggestions ?? [], locale);
  switch (question.intent) {
    case "role.describe":
      return describeRole(catalog, question.role, locale);
    case "role.skills":
      return roleSkills(catalog, question.role, locale);
    case "role.profile":
      return roleProfile(catalog, question.role, locale);
    case "role.path":
      return rolePath(catalog, question.role, locale, question.from);
    case "role.compare":
      return compareRoles(catalog, question.role, question.other, locale);
  }
}
