import { bullets } from "../answers/format.js";
import { quietPrivateReply as privateReply } from "../answers/private-reply.js";
import type { Block, Reply } from "../answers/reply.js";
import { recommendModules } from "../assessment/skill-gaps.js";
import type { Locale, Role } from "../catalog/schema.js";
import type { Survey } from "./survey.js";
import { surveyMessages } from "./survey-messages.js";
import { gapsFirst, type TeamResults } from "./team-results.js";

const oneDecimal = (n: number, locale: Locale) => n.toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/**
 * The team's results for the creator and the L&D admins: the team's average against the target
 * per skill (the radar chart, in the self-assessment's style), the largest gaps first, the
 * modules that address them, and the change since the previous survey of the team on the role.
 * Below the minimum, only the count.
 */
export function resultsReply(survey: Survey, role: Role, results: TeamResults, locale: Locale, previous?: TeamResults): Reply {
  const m = surveyMessages(locale).results;
  const name = (skillId: string) => role.skills.find((s) => s.id === skillId)?.name[locale] ?? skillId;
  const blocks: Block[] = [{ type: "header", text: m.title(survey.title) }];
  if (!results.shown) {
    blocks.push({ type: "text", text: m.tooFew(results.responses, results.minResponses) });
    return privateReply(blocks, locale);
  }
  const shown = gapsFirst(results);
  blocks.push({ type: "text", text: m.responses(results.responses) });
  if (shown.length > 0) {
    blocks.push({
      type: "chart",
      title: survey.title,
      max: 5,
      valueLabel: m.team,
      targetLabel: m.target,
      series: results.skills.filter((s) => s.figures).map((s) => ({ label: name(s.skillId), value: s.figures!.mean, target: s.target })),
    });
  }
  const lines = shown.map((s) => m.gapLine(name(s.skillId), oneDecimal(s.figures.mean, locale), s.target, s.rated));
  const hidden = results.skills.filter((s) => !s.figures).map((s) => m.hidden(name(s.skillId), results.minResponses));
  blocks.push({ type: "section", title: m.gapsTitle, text: bullets([...lines, ...hidden]) });
  const modules = recommendModules(
    role,
    shown.map((s) => ({ skillId: s.skillId, rating: s.figures.mean, target: s.target, gap: Math.max(0, s.figures.gap) })),
  );
  if (modules.length > 0) blocks.push({ type: "section", title: m.modulesTitle, text: bullets(modules.map(({ module }) => `${module.title[locale]} (${module.durationHours} h)`)) });
  const change = previous && changeLines(results, previous, name, locale);
  if (change && change.length > 0) blocks.push({ type: "section", title: m.changeTitle, text: bullets(change) });
  return privateReply(blocks, locale);
}

/** Per skill shown both times, how the team's average moved. */
function changeLines(current: TeamResults, previous: TeamResults, name: (id: string) => string, locale: Locale): string[] {
  const m = surveyMessages(locale).results;
  return current.skills.flatMap((skill) => {
    const before = previous.skills.find((s) => s.skillId === skill.skillId)?.figures;
    if (!skill.figures || !before) return [];
    const delta = skill.figures.mean - before.mean;
    return [m.change(name(skill.skillId), `${delta >= 0 ? "+" : ""}${oneDecimal(delta, locale)}`)];
  });
}
