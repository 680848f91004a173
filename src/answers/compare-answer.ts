import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { sourcesBlock } from "./citations.js";
import { followUpButtons } from "./follow-ups.js";
import { reply, type Reply } from "./reply.js";
import { compareSkills } from "./role-facts.js";

export function compareRoles(catalog: RoleCatalog, a: Role, b: Role, locale: Locale): Reply {
  const m = messages(locale).compare;
  const names = (skills: Role["skills"]) => skills.map((s) => s.name[locale]).join(", ") || m.none;
  const skills = compareSkills(a, b);
  return reply([
    { type: "header", text: m.title(a.names[locale], b.names[locale]) },
    {
      type: "fields",
      fields: [
        { label: a.names[locale], value: a.summary[locale] },
        { label: b.names[locale], value: b.summary[locale] },
      ],
    },
    { type: "section", title: m.shared, text: names(skills.shared) },
    { type: "section", title: m.only(a.names[locale]), text: names(skills.onlyFirst) },
    { type: "section", title: m.only(b.names[locale]), text: names(skills.onlySecond) },
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
