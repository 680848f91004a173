import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { sourcesBlock } from "./citations.js";
import { followUpButtons } from "./follow-ups.js";
import { bullets } from "./format.js";
import { reply, type Block, type Reply } from "./reply.js";
import { careerMove, moduleStatement, movesInto, skillsToGrow, trainingPathTotal } from "./role-facts.js";

function modulesBlock(catalog: RoleCatalog, role: Role, locale: Locale): Block[] {
  const m = messages(locale).path;
  if (role.trainingPath.length === 0) return [{ type: "text", text: m.noPath(role.names[locale]) }];
  const lines = role.trainingPath.map((module, index) => `${index + 1}. ${moduleStatement(catalog, role, module, locale)}`);
  const total = trainingPathTotal(role);
  return [
    { type: "section", title: m.modules, text: lines.join("\n") },
    { type: "text", text: m.total(total.hours, total.modules) },
  ];
}

/** How to become `target`, optionally from the user's `current` role: moves, gaps, then the modules. */
export function rolePath(catalog: RoleCatalog, target: Role, locale: Locale, current?: Role): Reply {
  const m = messages(locale).path;
  const blocks: Block[] = [{ type: "header", text: m.title(target.names[locale]) }];
  if (current) {
    const gaps = skillsToGrow(target, current);
    const lines = [careerMove(current, target)?.note[locale], gaps.length > 0 ? m.skillsToGrow : m.nothingToGrow, bullets(gaps.map((s) => s.name[locale]))];
    blocks.push({ type: "section", title: m.comingFrom(current.names[locale]), text: lines.filter(Boolean).join("\n") });
  } else {
    const moves = movesInto(catalog, target);
    if (moves.length > 0) {
      const text = bullets(moves.map(({ from, note }) => messages(locale).labelled(from.names[locale], note[locale])));
      blocks.push({ type: "section", title: m.moves, text });
    }
  }
  blocks.push(...modulesBlock(catalog, target, locale));
  blocks.push(...sourcesBlock(current ? [target, current] : [target], locale), followUpButtons(catalog, target, locale, ["skills", "assess"]));
  return reply(blocks);
}
