import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import type { Intent } from "../understanding/understanding.js";
import { compareRoles } from "./compare-answer.js";
import { plainText } from "./general-answers.js";
import { reply, type Block, type Button, type Reply } from "./reply.js";

/** The platforms cap buttons per block; a choice of roles is short anyway. */
const MAX_ROLE_BUTTONS = 10;

/** "Thanks", "bye", "ok": one short sentence, never the out-of-scope answer. */
export function smallTalk(intent: "thanks" | "goodbye" | "ok", locale: Locale): Reply {
  return plainText(messages(locale).smallTalk[intent]);
}

/** "Who is our DLM?": the catalogue holds roles, not people; say who knows, and offer the role itself. */
export function personLookup(roles: readonly Role[], locale: Locale): Reply {
  const m = messages(locale).person;
  const role = roles[0];
  if (!role) return plainText(m.anyone);
  return reply([
    { type: "text", text: m.role(role.names[locale]) },
    { type: "buttons", buttons: [{ label: m.aboutRole(role.names[locale]), actionId: "role.describe", value: role.id }] },
  ]);
}

/**
 * A role question with no role, and none in the conversation ("and its skills?" as a first
 * message): which one? Each button asks the same question about one role.
 */
export function whichRole(catalog: RoleCatalog, intent: Intent, locale: Locale): Reply {
  const m = messages(locale);
  const comparing = intent === "role.compare";
  const buttons: Button[] = catalog
    .roles()
    .slice(0, MAX_ROLE_BUTTONS)
    .map((role) => ({ label: role.names[locale], actionId: comparing ? "role.describe" : intent, value: role.id }));
  return reply([
    { type: "text", text: comparing ? m.whichRole.two : m.whichRole.one },
    { type: "buttons", buttons },
  ]);
}

/**
 * "DLM, LA and LD?": the comparison answer sets two roles side by side, so the first two are
 * compared, said so, and each other pair is a button away.
 */
export function compareSeveral(catalog: RoleCatalog, roles: readonly Role[], locale: Locale): Reply {
  const [a, b, ...others] = roles as [Role, Role, ...Role[]];
  const compared = compareRoles(catalog, a, b, locale);
  if (others.length === 0) return compared;
  const m = messages(locale).compare;
  const pairs = others.flatMap((other) => [a, b].map((one) => [one, other] as const));
  const note: Block[] = [
    { type: "text", text: m.twoAtATime(a.names[locale], b.names[locale]) },
    { type: "buttons", buttons: pairs.slice(0, MAX_ROLE_BUTTONS).map(([one, other]) => ({ label: m.pair(one.names[locale], other.names[locale]), actionId: "role.compare", value: `${one.id},${other.id}` })) },
  ];
  return reply([...compared.blocks, ...note], { private: compared.private });
}
