import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { sourcesBlock } from "./citations.js";
import { followUpButtons } from "./follow-ups.js";
import { reply, type Reply } from "./reply.js";

export function compareRoles(catalog: RoleCatalog, a: Role, b: Role, locale: Locale): Reply {
  const m = messages(locale).compare;
  const names = (skills: Role["skills"]) => skills.map((s) => s.name[locale]).join(", ") || m.none;
  const inB = new Set(b.skills.map((s) => s.id));
  const inA = new Set(a.skills.map((s) => s.id));
  return reply([
    { type: "header", text: m.title(a.names[locale], b.names[locale]) },
    {
      type: "fields",
      fields: [
        { label: a.names[locale], value: a.summary[locale] },
        { label: b.names[locale], value: b.summary[locale] },
      ],
    },
    { type: "section", title: m.shared, text: names(a.skills.filter((s) => inB.has(s.id))) },
    { type: "section", title: m.only(a.names[locale]), text: names(a.skills.filter((s) => !inB.has(s.id))) },
    { type: "section", title: m.only(b.names[locale]), text: names(b.skills.filter((s) => !inA.has(s.id))) },
    ...sourcesBlock([a, b], locale),
    {
      type: "buttons",
      buttons: [
        ...followUpButtons(catalog, a, locale, ["describe"]).buttons,
        ...followUpButtons(catalog, b, locale, ["describe"]).buttons,
      ],
    },
  ]);
}
