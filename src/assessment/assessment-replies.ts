import { bullets } from "../answers/format.js";
import { privateReply } from "../answers/private-reply.js";
import type { Block, Button, Reply } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { ASSESSMENT, currentSkill, type ActiveAssessment, type AssessmentResult } from "./assessment.js";
import { ratingButtons, skillQuestion } from "./skill-question.js";
import { changeSince, recommendModules, skillGaps } from "./skill-gaps.js";

export function chooseRole(catalog: RoleCatalog, locale: Locale): Reply {
  const m = messages(locale).assessment;
  return privateReply(
    [{ type: "choices", prompt: m.chooseRole, actionId: "assessment.start", options: catalog.roles().map((r) => ({ label: r.names[locale], value: r.id })) }],
    locale,
  );
}

/**
 * One skill: what it covers, the scale with each level's descriptor, buttons 1 to 5, skip and stop.
 */
export function questionBlocks(catalog: RoleCatalog, role: Role, assessment: ActiveAssessment): Block[] {
  const { locale } = assessment;
  const m = messages(locale).assessment;
  const skill = currentSkill(role, assessment)!;
  const on = { skill: skill.id, started: assessment.startedAt };
  return skillQuestion(catalog, skill, locale, m.progress(assessment.index + 1, role.skills.length), ratingButtons(catalog, ASSESSMENT, on, locale));
}

const startOver = (role: Role, locale: Locale): Button => ({ label: messages(locale).assessment.restart, actionId: "assessment.start", value: role.id });

/** An assessment that ended without a single rating: no result is kept, and it can be taken again. */
export function nothingRated(role: Role, locale: Locale): Reply {
  return privateReply([{ type: "text", text: messages(locale).assessment.nothingRated }, { type: "buttons", buttons: [startOver(role, locale)] }], locale);
}

export function introBlocks(role: Role, locale: Locale): Block[] {
  return [{ type: "text", text: messages(locale).assessment.intro(role.names[locale], role.skills.length) }];
}

/** Starting over begins the role just asked for, if any, else the same role again. */
export function resumeOrRestart(role: Role, assessment: ActiveAssessment, locale: Locale, requestedRoleId?: string): Reply {
  const m = messages(locale).assessment;
  const answered = Object.keys(assessment.ratings).length;
  return privateReply(
    [
      { type: "text", text: m.inProgress(role.names[locale], answered, role.skills.length) },
      {
        type: "buttons",
        buttons: [
          { label: m.resume, actionId: "assessment.resume", value: role.id, style: "primary" },
          { label: m.restart, actionId: "assessment.restart", value: requestedRoleId ?? role.id },
        ],
      },
    ],
    locale,
  );
}

function changeBlock(role: Role, previous: AssessmentResult | undefined, result: AssessmentResult, locale: Locale): Block[] {
  if (!previous) return [];
  const m = messages(locale).assessment;
  const change = changeSince(previous, result);
  const lines = role.skills.filter((s) => change.get(s.id)).map((s) => m.change(s.name[locale], change.get(s.id)!));
  return [{ type: "section", title: m.changeTitle, text: lines.length > 0 ? bullets(lines) : m.noChange }];
}

/**
 * The result: a radar of self against target, gaps largest first, modules to take next. Skills left
 * unrated are named, and the result never claims there is no gap where nothing was rated.
 */
export function resultReply(catalog: RoleCatalog, role: Role, result: AssessmentResult, locale: Locale, previous?: AssessmentResult): Reply {
  const m = messages(locale).assessment;
  const formats = messages(locale).path.formats;
  const gaps = skillGaps(role, result);
  const name = (skillId: string) => catalog.skill(role.id, skillId)?.name[locale] ?? skillId;
  const recommendations = recommendModules(role, gaps);
  const unrated = gaps.filter((g) => g.rating === null).map((g) => name(g.skillId));
  const blocks: Block[] = [
    { type: "header", text: m.resultTitle(role.names[locale]) },
    {
      type: "chart",
      title: role.names[locale],
      max: 5,
      valueLabel: m.you,
      targetLabel: m.target,
      unratedLabel: m.notRated,
      series: role.skills.map((s) => {
        const rating = result.ratings[s.id] ?? null;
        return { label: s.name[locale], value: rating, target: s.targetLevel, caption: m.score(rating, s.targetLevel) };
      }),
    },
    { type: "section", title: m.gapsTitle, text: bullets(gaps.map((g) => m.gapLine(name(g.skillId), g.rating, g.target))) },
  ];
  if (recommendations.length > 0) {
    const lines = recommendations.map(({ module }) => `${module.title[locale]} (${formats[module.format] ?? module.format}, ${module.durationHours} h)`);
    blocks.push(
      { type: "section", title: m.recommendationsTitle, text: bullets(lines) },
      { type: "text", text: m.nextStep(recommendations[0]!.module.title[locale]) },
    );
  } else if (unrated.length < gaps.length && gaps.every((g) => !g.gap)) {
    blocks.push({ type: "text", text: unrated.length > 0 ? m.noGapsOnRated : m.noGaps });
  }
  if (unrated.length > 0) blocks.push({ type: "text", text: m.unratedSkills(unrated) }, { type: "buttons", buttons: [startOver(role, locale)] });
  blocks.push(...changeBlock(role, previous, result, locale), { type: "text", text: m.privateNote });
  return privateReply(blocks, locale);
}

export function resultsList(catalog: RoleCatalog, results: readonly AssessmentResult[], locale: Locale): Reply {
  const m = messages(locale).results;
  if (results.length === 0) return privateReply([{ type: "text", text: m.none }], locale);
  const recent = [...results].reverse();
  const lines = recent.map((r) => {
    const role = catalog.find(r.roleId);
    const rated = Object.values(r.ratings).filter((v) => v !== null).length;
    return m.line(role?.names[locale] ?? r.roleId, r.finishedAt.slice(0, 10), rated, Object.keys(r.ratings).length);
  });
  const latestPerRole = [...new Set(recent.map((r) => r.roleId))].filter((id) => catalog.find(id)).slice(0, 5);
  return privateReply(
    [
      { type: "header", text: m.title },
      { type: "section", text: bullets(lines) },
      ...(latestPerRole.length > 0
        ? [{ type: "buttons" as const, buttons: latestPerRole.map((id) => ({ label: m.show(catalog.name(id, locale)), actionId: "assessment.result", value: id })) }]
        : []),
    ],
    locale,
  );
}
