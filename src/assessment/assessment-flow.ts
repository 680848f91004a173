import { combine, type Reply } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import {
  answerCurrent,
  currentSkill,
  failedTry,
  isFinished,
  startAssessment,
  toResult,
  type ActiveAssessment,
  type Rating,
} from "./assessment.js";
import type { AssessmentOwner, AssessmentRecords } from "./assessment-records.js";
import { privateReply } from "../answers/private-reply.js";
import { chooseRole, introBlocks, questionBlocks, resultReply, resultsList, resumeOrRestart } from "./assessment-replies.js";
import type { ParsedAnswer } from "./rating-parser.js";

/** The buttons this flow puts on its replies; the bot hands their presses back here. */
export const ASSESSMENT_ACTIONS = ["assessment.start", "assessment.rate", "assessment.skip", "assessment.stop", "assessment.resume", "assessment.restart", "assessment.result"] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

/**
 * A skill self-assessment as a conversation: choose a role, rate one skill at a time, get the
 * gaps and the modules to take. State lives in the store after every step, so a new process
 * continues where the old one stopped.
 */
export class AssessmentFlow {
  constructor(
    private readonly catalog: RoleCatalog,
    private readonly records: AssessmentRecords,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The assessment in progress, if its role still exists: a catalogue change must not trap anyone in it. */
  async active(owner: AssessmentOwner): Promise<ActiveAssessment | undefined> {
    const active = await this.records.active(owner);
    if (!active) return undefined;
    const role = this.catalog.find(active.roleId);
    if (role && active.index < role.skills.length) return active;
    await this.records.clearActive(owner);
    return undefined;
  }

  /** "Assess me (against a role)": asks for the role, offers to resume, or asks the first skill. */
  async start(owner: AssessmentOwner, roleId: string | undefined, locale: Locale): Promise<Reply> {
    const active = await this.active(owner);
    if (active) return resumeOrRestart(this.catalog.get(active.roleId), active, active.locale, roleId);
    const role = roleId ? this.catalog.find(roleId) : undefined;
    return role ? this.begin(owner, role, locale) : chooseRole(this.catalog, locale);
  }

  async resume(owner: AssessmentOwner, locale: Locale): Promise<Reply> {
    const active = await this.active(owner);
    if (!active) return privateReply([{ type: "text", text: messages(locale).assessment.nothingToResume }], locale);
    await this.records.saveActive(owner, active);
    return this.reask(active);
  }

  /** A typed or pressed answer to the current skill. */
  async answer(owner: AssessmentOwner, active: ActiveAssessment, parsed: Exclude<ParsedAnswer, { kind: "other" }>): Promise<Reply> {
    const role = this.catalog.get(active.roleId);
    if (parsed.kind === "stop") return this.stop(owner, role, active);
    return this.advance(owner, role, answerCurrent(role, active, parsed.kind === "level" ? parsed.level : null));
  }

  /** An answer that is neither a rating nor a question: a hint, and after three, move on. */
  async unusable(owner: AssessmentOwner, active: ActiveAssessment): Promise<Reply> {
    const role = this.catalog.get(active.roleId);
    const m = messages(active.locale).assessment;
    const { assessment, gaveUp } = failedTry(role, active);
    if (gaveUp) return combine([privateReply([{ type: "text", text: m.gaveUp }], active.locale), await this.advance(owner, role, assessment)]);
    await this.records.saveActive(owner, assessment);
    return privateReply([{ type: "text", text: m.hint }, ...questionBlocks(this.catalog, role, assessment)], active.locale);
  }

  /** The current question again, after an interruption was answered. */
  reask(active: ActiveAssessment): Reply {
    const role = this.catalog.get(active.roleId);
    return privateReply([{ type: "text", text: messages(active.locale).assessment.back }, ...questionBlocks(this.catalog, role, active)], active.locale);
  }

  /** "What does this skill mean?": what the current skill covers, then the question again. */
  explain(active: ActiveAssessment): Reply {
    const role = this.catalog.get(active.roleId);
    const skill = currentSkill(role, active)!;
    return privateReply(
      [{ type: "section", title: messages(active.locale).assessment.explain, text: skill.covers[active.locale] }, ...questionBlocks(this.catalog, role, active)],
      active.locale,
    );
  }

  /** The user's most recent result, for a home screen; undefined when there is none. */
  async latest(owner: AssessmentOwner, locale: Locale): Promise<Reply | undefined> {
    const results = await this.records.results(owner);
    const latest = results.at(-1);
    const role = latest && this.catalog.find(latest.roleId);
    if (!latest || !role) return undefined;
    return resultReply(this.catalog, role, latest, locale, results.filter((r) => r.roleId === role.id).at(-2));
  }

  async results(owner: AssessmentOwner, locale: Locale): Promise<Reply> {
    return resultsList(this.catalog, await this.records.results(owner), locale);
  }

  /** A pressed assessment button. Buttons carry the skill they answer, so a stale one is caught. */
  async onAction(owner: AssessmentOwner, action: AssessmentAction, value: string, locale: Locale): Promise<Reply> {
    switch (action) {
      case "assessment.start":
        return this.start(owner, value || undefined, locale);
      case "assessment.resume":
        return this.resume(owner, locale);
      case "assessment.restart": {
        await this.records.clearActive(owner);
        return this.start(owner, value || undefined, locale);
      }
      case "assessment.result":
        return this.latestResult(owner, value, locale);
      default:
        return this.onAnswerButton(owner, action, value, locale);
    }
  }

  private async onAnswerButton(owner: AssessmentOwner, action: AssessmentAction, value: string, locale: Locale): Promise<Reply> {
    const active = await this.active(owner);
    if (!active) return privateReply([{ type: "text", text: messages(locale).assessment.nothingToResume }], locale);
    const [skillId, level] = value.split(":");
    const role = this.catalog.get(active.roleId);
    // A double click or an old message's button must not rate the wrong skill.
    if (currentSkill(role, active)?.id !== skillId) {
      return privateReply([{ type: "text", text: messages(active.locale).assessment.staleButton }, ...questionBlocks(this.catalog, role, active)], active.locale);
    }
    if (action === "assessment.stop") return this.answer(owner, active, { kind: "stop" });
    if (action === "assessment.skip") return this.answer(owner, active, { kind: "skip" });
    const rating = Number(level);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return this.unusable(owner, active);
    return this.answer(owner, active, { kind: "level", level: rating });
  }

  private async begin(owner: AssessmentOwner, role: Role, locale: Locale): Promise<Reply> {
    const assessment = startAssessment(role, locale, this.now());
    await this.records.saveActive(owner, assessment);
    return privateReply([...introBlocks(role, locale), ...questionBlocks(this.catalog, role, assessment)], locale);
  }

  private async advance(owner: AssessmentOwner, role: Role, assessment: ActiveAssessment): Promise<Reply> {
    if (!isFinished(role, assessment)) {
      await this.records.saveActive(owner, assessment);
      return privateReply(questionBlocks(this.catalog, role, assessment), assessment.locale);
    }
    return this.finish(owner, role, assessment);
  }

  private async finish(owner: AssessmentOwner, role: Role, assessment: ActiveAssessment): Promise<Reply> {
    const previous = (await this.records.results(owner)).filter((r) => r.roleId === role.id).at(-1);
    const result = toResult(role, assessment, this.now());
    await this.records.addResult(owner, result);
    await this.records.clearActive(owner);
    return resultReply(this.catalog, role, result, assessment.locale, previous);
  }

  /** Stopping keeps what was answered, as a result of its own. */
  private async stop(owner: AssessmentOwner, role: Role, assessment: ActiveAssessment): Promise<Reply> {
    const answered = Object.values(assessment.ratings).filter((r: Rating) => r !== null).length;
    const m = messages(assessment.locale).assessment;
    if (answered === 0) {
      await this.records.clearActive(owner);
      return privateReply([{ type: "text", text: m.stopped(0) }], assessment.locale);
    }
    return combine([privateReply([{ type: "text", text: m.stopped(answered) }], assessment.locale), await this.finish(owner, role, assessment)]);
  }

  private async latestResult(owner: AssessmentOwner, roleId: string, locale: Locale): Promise<Reply> {
    const results = (await this.records.results(owner)).filter((r) => r.roleId === roleId);
    const role = this.catalog.find(roleId);
    const latest = results.at(-1);
    if (!role || !latest) return this.results(owner, locale);
    return resultReply(this.catalog, role, latest, locale, results.at(-2));
  }
}
