import { ROLE_DETAILS, type AnswerRequest } from "../answers/answer.js";
import { isRoleIntent } from "../understanding/intent-cues.js";
import type { Understood } from "../understanding/understanding.js";

/** The roles a conversation has been about, for follow-ups: the last answer's, then earlier ones. */
export interface RolesSoFar {
  /** The last answer's roles, in its order (target first, compared roles in the order asked). */
  roles: string[];
  /** Distinct roles, most recent first: "compare them" after a question on each. */
  recent?: string[];
}

/** Enough for "compare them" after two questions, and one role more. */
const RECENT_ROLES = 4;

export function recentRoles(roles: readonly string[], previous: RolesSoFar | undefined): string[] {
  return [...new Set([...roles, ...(previous?.recent ?? previous?.roles ?? [])])].slice(0, RECENT_ROLES);
}

/**
 * A role question that names fewer roles than it needs ("and the training path?", "compare with
 * DLM", "compare them") is about the conversation's: understanding reports it with its roles
 * missing, and the conversation supplies them. Anything else is answered as understood.
 */
export function withContext(understood: Understood, context: RolesSoFar | undefined): AnswerRequest {
  const { intent, roles, locale, suggestions } = understood;
  const asked: AnswerRequest = { intent, roles, locale, suggestions };
  if (!context || !isRoleIntent(intent)) return asked;
  const recent = context.recent ?? context.roles;
  if (intent !== "role.compare") {
    if (roles.length > 0 || !context.roles[0]) return asked;
    // "Its missions?", "tell me more": the role's short first answer was given; this asks for its details.
    return { intent: intent === "role.describe" ? ROLE_DETAILS : intent, roles: [context.roles[0]], locale };
  }
  if (roles.length >= 2) return asked;
  if (roles.length === 1) {
    // "compare with DLM": the role the conversation is about, with the one named.
    const other = [...context.roles, ...recent].find((id) => id !== roles[0]);
    return other ? { intent, roles: [other, roles[0]!], locale } : asked;
  }
  // "compare them": the last answer's roles, or the last two roles asked about, in the order asked.
  if (context.roles.length >= 2) return { intent, roles: context.roles, locale };
  return recent.length >= 2 ? { intent, roles: [recent[1]!, recent[0]!], locale } : { intent, roles: recent.slice(0, 1), locale };
}
