import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { CAPABILITIES } from "./capabilities.js";
import { bullets } from "./format.js";
import { reply, type Block, type Button, type Reply } from "./reply.js";

/** Button lists stay short: a wall of buttons helps nobody, and platforms cap them anyway. */
const MAX_ROLE_BUTTONS = 10;
/** A list is for browsing; past this, asking by name is faster than scrolling. */
const MAX_LISTED_ROLES = 30;

function roleButtons(catalog: RoleCatalog, ids: readonly string[], locale: Locale): Button[] {
  return ids.slice(0, MAX_ROLE_BUTTONS).map((id) => ({ label: catalog.name(id, locale), actionId: "role.describe", value: id }));
}

export function listRoles(catalog: RoleCatalog, locale: Locale): Reply {
  const m = messages(locale).list;
  const roles = catalog.roles();
  const lines = roles.slice(0, MAX_LISTED_ROLES).map((role) => messages(locale).labelled(role.names[locale], role.summary[locale].split(/(?<=[.!?])\s/)[0]!));
  return reply([
    { type: "header", text: m.title },
    { type: "section", title: m.intro(roles.length), text: bullets(lines) },
    ...(roles.length > MAX_LISTED_ROLES ? [{ type: "text" as const, text: m.more(roles.length - MAX_LISTED_ROLES) }] : []),
    { type: "buttons", buttons: roleButtons(catalog, roles.map((r) => r.id), locale) },
  ]);
}

/** Everything Parcours does, one line each with what to say for it; who may, where not everyone may. */
export function help(locale: Locale, greeting?: string): Reply {
  const m = messages(locale);
  const lines = CAPABILITIES.map((capability) => {
    const { title, say, does } = m.help.capabilities[capability];
    const phrases = say.map(m.help.quote).join(", ");
    return m.labelled(title, does ? `${phrases} — ${does}` : phrases);
  });
  const blocks: Block[] = [];
  if (greeting) blocks.push({ type: "text", text: greeting });
  blocks.push(
    { type: "header", text: m.help.title },
    { type: "section", title: m.help.intro, text: bullets(lines) },
    {
      type: "buttons",
      buttons: [
        { label: m.buttons.listRoles, actionId: "role.list", value: "" },
        { label: m.buttons.assess, actionId: "assessment.start", value: "" },
      ],
    },
  );
  return reply(blocks);
}

/** Never a guess: say what the bot knows, and offer close roles only as buttons to choose from. */
export function notUnderstood(catalog: RoleCatalog, suggestions: readonly string[], locale: Locale): Reply {
  const m = messages(locale);
  const blocks: Block[] = [{ type: "text", text: m.unknown.text }];
  if (suggestions.length > 0) {
    blocks.push({ type: "text", text: m.unknown.didYouMean }, { type: "buttons", buttons: roleButtons(catalog, suggestions, locale) });
  } else {
    blocks.push({
      type: "buttons",
      buttons: [
        { label: m.buttons.listRoles, actionId: "role.list", value: "" },
        { label: m.buttons.help, actionId: "help", value: "" },
      ],
    });
  }
  return reply(blocks);
}

export function plainText(text: string): Reply {
  return reply([{ type: "text", text }]);
}
