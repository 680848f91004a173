import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale } from "../catalog/schema.js";
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

/** Template answers: every word comes from the catalogue or the locale's messages. */
export function answer(catalog: RoleCatalog, request: AnswerRequest): Reply {
  const { intent, locale } = request;
  const m = messages(locale);
  const [first, second] = request.roles.map((id) => catalog.find(id));
  switch (intent) {
    case "role.list":
      return listRoles(catalog, locale);
    case "help":
      return help(locale);
    case "greeting":
      return help(locale, m.greeting);
    case "survey.start":
      return plainText(m.notYet.survey);
    case "announcement.create":
      return plainText(m.notYet.announcement);
    case "assessment.start": // run by the assessment flow; reaching here means no flow took it
      return help(locale);
    default:
      break;
  }
  if (!first) return notUnderstood(catalog, request.suggestions ?? [], locale);
  switch (intent) {
    case "role.skills":
      return roleSkills(catalog, first, locale);
    case "role.path":
      return rolePath(catalog, first, locale, second);
    case "role.profile":
      return roleProfile(catalog, first, locale);
    case "role.compare":
      return second ? compareRoles(catalog, first, second, locale) : describeRole(catalog, first, locale);
    case "role.describe":
      return describeRole(catalog, first, locale);
    default:
      return notUnderstood(catalog, request.suggestions ?? [], locale);
  }
}
