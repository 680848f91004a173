import { z } from "zod";
import { quietPrivateReply as privateReply } from "../answers/private-reply.js";
import type { Block, Reply } from "../answers/reply.js";
import { ratingButtons, skillQuestion } from "../assessment/skill-question.js";
import { parseAnswer } from "../assessment/rating-parser.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import { LOCALES, type Locale } from "../catalog/schema.js";
import type { FlowAction, FlowDefinition, FlowStep, FlowTurn } from "../flows/flow.js";
import { messages } from "../i18n/messages.js";
import type { DataSubject } from "../privacy/user-erasure.js";
import { isOpen, type Survey, type SurveyRatings } from "./survey.js";
import { formatDeadline, surveyMessages } from "./survey-messages.js";
import { SurveyClosed, type SurveyRecords } from "./survey-records.js";

export const SURVEY_FLOW = { id: "survey" } as const;

const surveyId = z.uuid();
const onSkill = z.object({ survey: surveyId, skill: z.string().max(200) });

/** The buttons of a survey answer and what each carries: always the survey, and the skill it answers. */
export const SURVEY_ACTIONS = {
  answer: z.object({ survey: surveyId }),
  rate: onSkill.extend({ level: z.number().int().min(1).max(5) }),
  skip: onSkill,
  stop: onSkill,
};
export type SurveyAction = keyof typeof SURVEY_ACTIONS;

/**
 * The survey's questions travel with the answer, so asking again needs no read of the survey.
 * The ratings do not: each is written under the member's respondent key as it is given, so the
 * state kept under the member's own key never says what they answered.
 */
const stateSchema = z.object({
  surveyId,
  roleId: z.string(),
  skillIds: z.array(z.string()).min(1),
  locale: z.enum(LOCALES),
  index: z.number().int().min(0),
});
export type SurveyAnswer = z.infer<typeof stateSchema>;

type Step = FlowStep<SurveyAnswer>;

export interface SurveyAnswerHooks {
  /** A member's answers were written: the card's live count may have changed. */
  answered(survey: Survey): void;
  /** What to add under the thanks: the button that copies the answers into the member's own results. */
  afterThanks(survey: Survey, locale: Locale): Block[];
}

const memberOf = (turn: FlowTurn): DataSubject => {
  if (turn.scope.kind !== "user") throw new Error("a survey is answered in a member's own scope");
  return { platform: turn.scope.platform, userId: turn.scope.userId };
};

/**
 * A member answering a team survey, privately, one skill at a time, typed or with buttons: the
 * self-assessment's way of asking on the flow engine. Each answer is written as it is given (a
 * survey closed halfway keeps what was answered), under the member's respondent key, so that
 * answering again replaces rather than adds.
 */
export class SurveyAnswerFlow implements FlowDefinition<SurveyAnswer, SurveyAction> {
  readonly id = SURVEY_FLOW.id;
  readonly version = 1;
  readonly state = stateSchema;
  readonly actions = SURVEY_ACTIONS;

  constructor(
    private readonly catalog: RoleCatalog,
    private readonly records: SurveyRecords,
    private readonly hooks: SurveyAnswerHooks,
    readonly idleMs: number,
  ) {}

  async onText(state: SurveyAnswer, text: string, turn: FlowTurn): Promise<Step | undefined> {
    const parsed = parseAnswer(text);
    if (parsed.kind === "other") return undefined;
    const survey = await this.openSurvey(state.surveyId, turn);
    if (!survey.ok) return { reply: survey.reply, next: null };
    if (parsed.kind === "stop") return this.finish(survey.survey, state, turn);
    return this.advance(survey.survey, state, parsed.kind === "level" ? parsed.level : null, turn);
  }

  async onAction(state: SurveyAnswer | undefined, action: FlowAction<SurveyAction> | undefined, turn: FlowTurn): Promise<Step> {
    const m = surveyMessages(turn.locale).answering;
    if (!action) return { reply: this.say(m.unknown, turn.locale) };
    const payload = action.payload as { survey: string; skill?: string; level?: number };
    const survey = await this.openSurvey(payload.survey, turn);
    if (!survey.ok) return { reply: survey.reply, ...(state?.surveyId === payload.survey ? { next: null } : {}) };
    if (action.name === "answer") return this.begin(survey.survey, turn);
    // A press for another survey, or for a skill already answered, changes nothing.
    if (!state || state.surveyId !== payload.survey || state.skillIds[state.index] !== payload.skill) return this.stale(survey.survey, state, turn);
    if (action.name === "stop") return this.finish(survey.survey, state, turn);
    return this.advance(survey.survey, state, action.name === "rate" ? payload.level! : null, turn);
  }

  reask(state: SurveyAnswer): Reply {
    return this.questionReply(state, []);
  }

  async onStop(state: SurveyAnswer, turn: FlowTurn): Promise<Step> {
    const survey = await this.records.find(state.surveyId);
    return survey ? this.finish(survey, state, turn) : { reply: this.say(surveyMessages(turn.locale).answering.unknown, turn.locale), next: null };
  }

  async onResume(state: SurveyAnswer): Promise<Step> {
    return { reply: this.reask(state), next: state };
  }

  onExpire(): Reply | undefined {
    // What was answered is already recorded: nothing is lost by letting go quietly.
    return undefined;
  }

  private async begin(survey: Survey, turn: FlowTurn): Promise<Step> {
    const m = surveyMessages(turn.locale).answering;
    const role = this.catalog.find(survey.roleId);
    if (!role) return { reply: this.say(m.unknown, turn.locale) };
    const key = await this.records.respondentKey(survey, memberOf(turn));
    const earlier = key ? await this.records.responseOf(survey, key) : undefined;
    const state: SurveyAnswer = { surveyId: survey.id, roleId: survey.roleId, skillIds: survey.skillIds, locale: turn.locale, index: 0 };
    const intro = [m.intro(survey.title, survey.skillIds.length), survey.anonymous ? m.anonymousNote : m.namedNote, ...(earlier ? [m.replaced] : [])];
    return { reply: this.questionReply(state, [{ type: "text", text: intro.join(" ") }]), next: state };
  }

  private async advance(survey: Survey, state: SurveyAnswer, rating: number | null, turn: FlowTurn): Promise<Step> {
    const skillId = state.skillIds[state.index];
    const next: SurveyAnswer = { ...state, index: state.index + 1 };
    const record = () => (skillId ? this.record(survey, { [skillId]: rating }, turn) : Promise.resolve());
    if (next.index >= state.skillIds.length) return { ...(await this.finish(survey, next, turn)), afterCommit: record };
    return { reply: this.questionReply(next, []), next, afterCommit: record };
  }

  private async finish(survey: Survey, state: SurveyAnswer, turn: FlowTurn): Promise<Step> {
    const m = surveyMessages(state.locale).answering;
    const thanks = [{ type: "text" as const, text: m.thanks(formatDeadline(survey.deadlineAt, state.locale, survey.timeZone)) }, ...this.hooks.afterThanks(survey, state.locale)];
    return { reply: privateReply(thanks, state.locale), next: null };
  }

  /** Writes what was just answered; a survey that closed since the question was asked refuses it (SurveyClosed), and the step is undone. */
  private async record(survey: Survey, ratings: SurveyRatings, turn: FlowTurn): Promise<void> {
    const key = await this.records.respondentKey(survey, memberOf(turn));
    if (!key) throw new SurveyClosed();
    await this.records.answer(survey, key, ratings);
    this.hooks.answered(survey);
  }

  private stale(survey: Survey, state: SurveyAnswer | undefined, turn: FlowTurn): Step {
    const stale = messages(turn.locale).assessment.staleButton;
    if (!state || state.surveyId !== survey.id) return { reply: this.say(surveyMessages(turn.locale).answering.closed, turn.locale) };
    return { reply: this.questionReply(state, [{ type: "text", text: stale }]) };
  }

  private questionReply(state: SurveyAnswer, before: Block[]): Reply {
    const skillId = state.skillIds[state.index];
    const skill = this.catalog.find(state.roleId)?.skills.find((s) => s.id === skillId);
    if (!skill) return this.say(surveyMessages(state.locale).answering.unknown, state.locale);
    const on = { survey: state.surveyId, skill: skill.id };
    const progress = surveyMessages(state.locale).answering.progress(state.index + 1, state.skillIds.length);
    const question = skillQuestion(this.catalog, skill, state.locale, progress, ratingButtons(this.catalog, SURVEY_FLOW, on, state.locale));
    return privateReply([...before, ...question], state.locale);
  }

  private async openSurvey(id: string, turn: FlowTurn): Promise<{ ok: true; survey: Survey } | { ok: false; reply: Reply }> {
    const m = surveyMessages(turn.locale).answering;
    const survey = await this.records.find(id);
    if (!survey || !this.catalog.find(survey.roleId)) return { ok: false, reply: this.say(m.unknown, turn.locale) };
    // A button of another platform's survey is a forged one.
    if (turn.scope.platform !== survey.platform) return { ok: false, reply: this.say(m.unknown, turn.locale) };
    if (!isOpen(survey, turn.now.getTime())) return { ok: false, reply: this.say(m.closed, turn.locale) };
    return { ok: true, survey };
  }

  private say(text: string, locale: Locale): Reply {
    return privateReply([{ type: "text", text }], locale);
  }
}
