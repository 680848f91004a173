import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { sourcesBlock } from "./citations.js";
import { followUpButtons } from "./follow-ups.js";
import { bullets } from "./format.js";
import { reply, type Block, type Reply } from "./reply.js";
import { keyMissions, profileStatement, skillTarget } from "./role-facts.js";

/** Where the role is going, when the catalogue says; its sources join those the answer cites. */
function outlookSection(role: Role, title: string, locale: Locale, usedSources: Set<string>): Block[] {
  if (role.outlook.length === 0) return [];
  role.outlook.forEach((fact) => usedSources.add(fact.source));
  return [{ type: "section", title, text: bullets(role.outlook.map((fact) => fact.text[locale])) }];
}

/**
 * A role's first answer, short enough for a phone screen: its summary, its key missions and their
 * source, and a button for each detail (all its missions, skills, path, who holds it, ...).
 */
export function describeRole(catalog: RoleCatalog, role: Role, locale: Locale): Reply {
  const m = messages(locale);
  const key = keyMissions(role);
  const more = role.missions.length > key.length || role.outlook.length > 0;
  return reply([
    { type: "header", text: role.names[locale] },
    { type: "text", text: role.summary[locale] },
    { type: "section", title: m.describe.keyMissions, text: bullets(key.map((mission) => mission.text[locale])) },
    ...sourcesBlock([role], locale, new Set(key.map((fact) => fact.source))),
    followUpButtons(catalog, role, locale, [...(more ? (["missions"] as const) : []), "skills", "path", "profile", "compare", "assess"]),
  ]);
}

/** The details behind a role's first answer ("All missions", "tell me more"): every mission, and where the role is going. */
export function roleMissions(catalog: RoleCatalog, role: Role, locale: Locale): Reply {
  const m = messages(locale);
  const used = new Set(role.missions.map((fact) => fact.source));
  const blocks: Block[] = [
    { type: "header", text: m.describe.title(role.names[locale]) },
    { type: "section", title: m.describe.missions, text: bullets(role.missions.map((mission) => mission.text[locale])) },
    ...outlookSection(role, m.describe.outlook, locale, used),
  ];
  blocks.push(...sourcesBlock([role], locale, used), followUpButtons(catalog, role, locale, ["skills", "path", "profile", "compare", "assess"]));
  return reply(blocks);
}

export function roleSkills(catalog: RoleCatalog, role: Role, locale: Locale): Reply {
  const m = messages(locale);
  const blocks: Block[] = [{ type: "header", text: m.skills.title(role.names[locale]) }];
  for (const kind of ["technical", "strategic", "relational"] as const) {
    const skills = role.skills.filter((skill) => skill.kind === kind);
    if (skills.length === 0) continue;
    const lines = skills.map((skill) => m.labelled(`${skill.name[locale]}, ${skillTarget(catalog, skill, locale)}`, skill.covers[locale]));
    blocks.push({ type: "section", title: m.skills.kinds[kind], text: bullets(lines) });
  }
  blocks.push(...sourcesBlock([role], locale), followUpButtons(catalog, role, locale, ["path", "assess"]));
  return reply(blocks);
}

export function roleProfile(catalog: RoleCatalog, role: Role, locale: Locale): Reply {
  const m = messages(locale);
  const blocks: Block[] = [{ type: "header", text: m.profile.title(role.names[locale]) }];
  const used = new Set<string>();
  if (role.profile.length === 0) {
    blocks.push({ type: "text", text: m.profile.none(role.names[locale]) });
  } else {
    role.profile.forEach((fact) => used.add(fact.source));
    blocks.push({ type: "fields", fields: role.profile.map((fact) => ({ label: fact.figure, value: profileStatement(fact, locale) })) });
  }
  blocks.push(...outlookSection(role, m.profile.outlook, locale, used));
  blocks.push(...sourcesBlock([role], locale, used), followUpButtons(catalog, role, locale, ["describe", "skills", "path"]));
  return reply(blocks);
}
