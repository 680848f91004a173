import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { sourcesBlock } from "./citations.js";
import { followUpButtons } from "./follow-ups.js";
import { bullets } from "./format.js";
import { reply, type Block, type Reply } from "./reply.js";


export function describeRole(catalog: RoleCatalog, role: Role, locale: Locale): Reply {
  const m = messages(locale);
  const used = new Set(role.missions.map((fact) => fact.source));
  const blocks: Block[] = [
    { type: "header", text: role.names[locale] },
    { type: "text", text: role.summary[locale] },
    { type: "section", title: m.describe.missions, text: bullets(role.missions.map((mission) => mission.text[locale])) },
  ];
  if (role.outlook.length > 0) {
    role.outlook.forEach((fact) => used.add(fact.source));
    blocks.push({ type: "section", title: m.describe.outlook, text: bullets(role.outlook.map((fact) => fact.text[locale])) });
  }
  blocks.push(...sourcesBlock([role], locale, used), followUpButtons(catalog, role, locale, ["skills", "path", "profile", "compare", "assess"]));
  return reply(blocks);
}

export function roleSkills(catalog: RoleCatalog, role: Role, locale: Locale): Reply {
  const m = messages(locale);
  const blocks: Block[] = [{ type: "header", text: m.skills.title(role.names[locale]) }];
  for (const kind of ["technical", "strategic", "relational"] as const) {
    const skills = role.skills.filter((skill) => skill.kind === kind);
    if (skills.length === 0) continue;
    const lines = skills.map((skill) => {
      const label = catalog.scale.levels[skill.targetLevel - 1]!.label[locale];
      return m.labelled(`${skill.name[locale]}, ${m.skills.target(skill.targetLevel, label)}`, skill.covers[locale]);
    });
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
    blocks.push({
      type: "fields",
      fields: role.profile.map((fact) => ({ label: fact.figure, value: `${fact.statement[locale]} (${fact.population[locale]}, ${fact.year})` })),
    });
  }
  if (role.outlook.length > 0) {
    role.outlook.forEach((fact) => used.add(fact.source));
    blocks.push({ type: "section", title: m.profile.outlook, text: bullets(role.outlook.map((fact) => fact.text[locale])) });
  }
  blocks.push(...sourcesBlock([role], locale, used), followUpButtons(catalog, role, locale, ["describe", "skills", "path"]));
  return reply(blocks);
}
