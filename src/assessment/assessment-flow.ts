import { z } from "zod";
import { privateReply } from "../answers/private-reply.js";
import { combine, type Reply } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import { LOCALES, type Locale, type Role } from "../catalog/schema.js";
import { END_SILENTLY, type FlowEngine, type FlowStatus } from "../flows/flow-engine.js";
import type { FlowAction, FlowDefinition, FlowScope, FlowStep, FlowTurn } from "../flows/flow.js";
import { messages } from "../i18n/messages.js";
import type { DataSubject } from "../privacy/user-erasure.js";
import { ASSESSMENT, answerCurrent, currentSkill, failedTry, isFinished, startAssessment, toResult, type ActiveAssessment } from "./assessment.js";
import { chooseRole, introBlocks, nothingRated, questionBlocks, resultReply, resultsList, resumeOrRestart } from "./assessment-replies.js";
import type { AssessmentResults } from "./assessment-results.js";
import { offScale, parseAnswer } from "./rating-parser.js";

const roleId = z.string().max(200);
/** The skill, and which assessment asked it (its start time): an old message's button cannot rate a newer assessment. */
const skillPayload = z.object({ skill: z.string().max(200), started: z.string().max(40) });

/** The buttons of a self-assessment and what each carries. */
export const ASSESSMENT_ACTIONS = {
  /** From a role answer, the home screen or the role choice: a role id, or "" to be asked. */
  start: roleId,
  resume: roleId,
  restart: roleId,
  result: roleId,
  /** The skill is on the button, so a press for a skill already rated is caught as stale. */
  rate: skillPayload.extend({ level: z.number().int().min(1).max(5) }),
  skip: skillPayload,
  stop: skillPayload,
};
export type AssessmentAction = keyof typeof ASSESSMENT_ACTIONS;

const baseState = z.object({
  roleId: z.string(),
  locale: z.enum(LOCALES),
  index: z.number().int().min(0),
  ratings: z.record(z.string(), z.number().int().min(1).max(5).nullable()),
  tries: z.number().int().min(0),
  startedAt: z.string(),
  finishing: z.boolean().optional(),
});

type Step = FlowStep<ActiveAssessment>;

export const userScope = (owner: DataSubject): FlowScope => ({ kind: "user", platform: owner.platform, userId: owner.userId });

/** The assessment goes on in the language of the user's latest words, when they told it. */
const spokenIn = (state: ActiveAssessment, turn: Pick<FlowTurn, "textLocale">): ActiveAssessment =>
  turn.textLocale && turn.textLocale !== state.locale ? { ...state, locale: turn.textLocale } : state;

const ratedCount = (state: ActiveAssessment) => Object.values(state.ratings).filter((r) => r !== null).length;

/** A self-assessment is always one user's. */
function ownerOf(turn: FlowTurn): DataSubject {
  if (turn.scope.kind !== "user") throw new Error("a self-assessment runs in a user's scope");
  return { platform: turn.scope.platform, userId: turn.scope.userId };
}

/**
 * A skill self-assessment as a conversation on the flow engine: choose a role, rate one skill at
 * a time, get the gaps and the modules to take. Every step is committed atomically, so a button
 * pressed twice or answers typed through two processes are each applied once; the result row is
 * written only by the step that finished the assessment.
 */
export class AssessmentFlow implements FlowDefinition<ActiveAssessment, AssessmentAction> {
  readonly id = ASSESSMENT.id;
  readonly version = 1;
  /** A role that left the catalogue, or lost the skill being asked, makes the state unreadable: the assessment must not trap anyone in it. */
  readonly state: z.ZodType<ActiveAssessment>;
  readonly actions = ASSESSMENT_ACTIONS;

  constructor(
    private readonly catalog: RoleCatalog,
    private readonly results: AssessmentResults,
    private readonly engine: FlowEngine,
    readonly idleMs: number,
    /** The bot's clock, which every other step reads too. */
    private readonly now: () => Date,
  ) {
    this.state = baseState.refine((state) => {
      const skills = this.catalog.find(state.roleId)?.skills.length;
      return skills !== undefined && (state.finishing === true || state.index < skills);
    });
  }

  async onText(stored: ActiveAssessment, text: string, turn: FlowTurn): Promise<Step | undefined> {
    if (stored.finishing) return this.complete(stored, turn);
    const state = spokenIn(stored, turn);
    const role = this.catalog.get(state.roleId);
    const parsed = parseAnswer(text);
    // "6" or "7" meant a rating: the answer is the scale, not a skip, a stop or a question.
    if (parsed.kind === "other") return offScale(text) ? this.retry(role, state, "offScale", turn) : undefined;
    if (parsed.kind === "stop") return this.onStop(state, turn);
    return this.advance(role, answerCurrent(role, state, parsed.kind === "level" ? parsed.level : null), turn);
  }

  async onAction(state: ActiveAssessment | undefined, action: FlowAction<AssessmentAction> | undefined, turn: FlowTurn): Promise<Step> {
    if (state?.finishing) return this.complete(state, turn);
    if (!action) return state ? this.stale(state) : this.nothingToResume(turn.locale);
    switch (action.name) {
      case "start":
        return this.startStep(state, action.payload as string, turn);
      case "restart":
        return this.startStep(undefined, action.payload as string, turn, state);
      case "resume":
        return state ? this.onResume(state, turn) : this.nothingToResume(turn.locale);
      case "result":
        return { reply: await this.latestResult(ownerOf(turn), action.payload as string, turn.locale) };
      default:
        return state ? this.pressed(state, action, turn) : this.pressedAfterEnd(action.payload as { started: string }, turn);
    }
  }

  reask(stored: ActiveAssessment, turn: Pick<FlowTurn, "textLocale"> = {}): Reply {
    const state = spokenIn(stored, turn);
    if (state.finishing) return this.finishedNotice(state.locale);
    const role = this.catalog.get(state.roleId);
    return privateReply([{ type: "text", text: messages(state.locale).assessment.back }, ...questionBlocks(this.catalog, role, state)], state.locale);
  }

  async onStop(stored: ActiveAssessment, turn: FlowTurn): Promise<Step> {
    const state = spokenIn(stored, turn);
    const role = this.catalog.get(state.roleId);
    const answered = ratedCount(state);
    const finish = await this.finish(role, state, turn);
    if (answered === 0) return finish;
    const stopped = privateReply([{ type: "text", text: messages(state.locale).assessment.stopped(answered) }], state.locale);
    return { ...finish, reply: combine([stopped, finish.reply]) };
  }

  async onResume(stored: ActiveAssessment, turn: FlowTurn): Promise<Step> {
    const state = spokenIn(stored, turn);
    return state.finishing ? this.complete(state, turn) : { reply: this.reask(state), next: state };
  }

  /** Forgotten without a word, as ASSESSMENT_IDLE_DAYS promises: the message that found it expired is answered as usual. */
  onExpire(): Reply | undefined {
    return undefined;
  }

  /** "Assess me (against a role)": asks for the role, offers to resume, or asks the first skill. */
  start(owner: DataSubject, roleId: string | undefined, locale: Locale): Promise<Reply> {
    return this.run(owner, locale, undefined, async (status, turn) => this.startStep(activeState(status), roleId ?? "", turn));
  }

  /** "What does this skill mean?": what the current skill covers, then the question again. */
  explain(owner: DataSubject, locale: Locale, textLocale?: Locale): Promise<Reply> {
    return this.onCurrent(owner, locale, textLocale, async (state, stored) => {
      const role = this.catalog.get(state.roleId);
      const skill = currentSkill(role, state)!;
      const reply = privateReply([{ type: "section", title: messages(state.locale).assessment.explain, text: skill.covers[state.locale] }, ...questionBlocks(this.catalog, role, state)], state.locale);
      return { reply, ...(state !== stored ? { next: state } : {}) };
    });
  }

  /** An answer that is neither a rating nor a question: a hint, and after three, move on. */
  unusable(owner: DataSubject, locale: Locale, textLocale?: Locale): Promise<Reply> {
    return this.onCurrent(owner, locale, textLocale, (state, _stored, turn) => this.retry(this.catalog.get(state.roleId), state, "hint", turn));
  }

  /**
   * A step on the assessment in progress, in the language of the user's latest words (`state`;
   * `stored` as it was read): one that was finishing is completed, and none is said to be none.
   */
  private onCurrent(owner: DataSubject, locale: Locale, textLocale: Locale | undefined, step: (state: ActiveAssessment, stored: ActiveAssessment, turn: FlowTurn) => Promise<Step>): Promise<Reply> {
    return this.run(owner, locale, textLocale, async (status, turn) => {
      const stored = activeState(status);
      if (stored?.finishing) return this.complete(stored, turn);
      if (!stored) return this.nothingToResume(locale);
      return step(spokenIn(stored, turn), stored, turn);
    });
  }

  /** Whether this user has an assessment in progress (the state's schema refuses one whose role is gone). */
  async inProgress(owner: DataSubject): Promise<boolean> {
    const state = activeState(await this.engine.status(userScope(owner), this));
    return Boolean(state && !state.finishing);
  }

  /** The user's most recent result, for a home screen; undefined when there is none. */
  async latest(owner: DataSubject, locale: Locale): Promise<Reply | undefined> {
    const results = await this.results.list(owner);
    const latest = results.at(-1);
    const role = latest && this.catalog.find(latest.roleId);
    if (!latest || !role) return undefined;
    return resultReply(this.catalog, role, latest, locale, results.filter((r) => r.roleId === role.id).at(-2));
  }

  async resultsOf(owner: DataSubject, locale: Locale): Promise<Reply> {
    return resultsList(this.catalog, await this.results.list(owner), locale);
  }

  /** Runs a step of this owner's assessment. */
  private async run(owner: DataSubject, locale: Locale, textLocale: Locale | undefined, decide: (status: FlowStatus<ActiveAssessment>, turn: FlowTurn) => Promise<Step>): Promise<Reply> {
    const turn = { scope: userScope(owner), locale, now: this.now(), ...(textLocale ? { textLocale } : {}) };
    return (await this.engine.step(turn, this, (status) => decide(status, turn)))!;
  }

  /** The same question again after an unusable answer, with a hint; the third one leaves the skill unrated and moves on. */
  private async retry(role: Role, state: ActiveAssessment, hint: "hint" | "offScale", turn: FlowTurn): Promise<Step> {
    const m = messages(state.locale).assessment;
    const { assessment, gaveUp } = failedTry(role, state);
    if (!gaveUp) return { reply: privateReply([{ type: "text", text: m[hint] }, ...questionBlocks(this.catalog, role, assessment)], state.locale), next: assessment };
    const next = await this.advance(role, assessment, turn);
    return { ...next, reply: combine([privateReply([{ type: "text", text: m.gaveUp }], state.locale), next.reply]) };
  }

  private startStep(state: ActiveAssessment | undefined, requested: string, turn: FlowTurn, replaced?: ActiveAssessment): Step {
    const live = state && !state.finishing ? state : undefined;
    if (live) return { reply: resumeOrRestart(this.catalog.get(live.roleId), live, turn.locale, requested || undefined) };
    const role = requested ? this.catalog.find(requested) : undefined;
    if (!role) return { reply: chooseRole(this.catalog, turn.locale), ...(replaced || state ? { next: null } : {}) };
    const assessment = startAssessment(role, turn.locale, turn.now);
    return { reply: privateReply([...introBlocks(role, turn.locale), ...questionBlocks(this.catalog, role, assessment)], turn.locale), next: assessment };
  }

  private async pressed(state: ActiveAssessment, action: FlowAction<AssessmentAction>, turn: FlowTurn): Promise<Step> {
    const role = this.catalog.get(state.roleId);
    const payload = action.payload as { skill: string; started: string; level?: number };
    // A double click, a press that reached another process first, or an old message's button.
    if (payload.started !== state.startedAt) return this.pressedAfterEnd(payload, turn, state);
    if (currentSkill(role, state)?.id !== payload.skill) return this.stale(state);
    if (action.name === "stop") return this.onStop(state, turn);
    return this.advance(role, answerCurrent(role, state, action.name === "rate" ? payload.level! : null), turn);
  }

  private async advance(role: Role, state: ActiveAssessment, turn: FlowTurn): Promise<Step> {
    if (isFinished(role, state)) return this.finish(role, state, turn);
    return { reply: privateReply(questionBlocks(this.catalog, role, state), state.locale), next: state };
  }

  /**
   * The result, shown at once; the step marks the assessment as finishing, writes the result row,
   * then ends it. A press that lost the race to this step finds it finishing and is told so. An
   * assessment without a single rating says nothing: it ends, and no result is written.
   */
  private async finish(role: Role, state: ActiveAssessment, turn: FlowTurn): Promise<Step> {
    if (ratedCount(state) === 0) return { reply: nothingRated(role, state.locale), next: null };
    const owner = ownerOf(turn);
    const previous = (await this.results.list(owner)).filter((r) => r.roleId === role.id).at(-1);
    const result = toResult(role, state, turn.now);
    const finishing = { ...state, finishing: true };
    return {
      reply: resultReply(this.catalog, role, result, state.locale, previous),
      next: finishing,
      afterCommit: async () => {
        await this.results.add(owner, state.startedAt, result);
        await this.engine.step(turn, this, async (status) => (status.kind === "active" && status.state.finishing && status.state.startedAt === state.startedAt ? END_SILENTLY : undefined));
      },
    };
  }

  /** An assessment found finishing (a race lost, or a process that stopped halfway): its result is written, and it ends. */
  private complete(state: ActiveAssessment, turn: FlowTurn): Step {
    const role = this.catalog.get(state.roleId);
    return { reply: this.finishedNotice(state.locale), next: null, afterCommit: () => this.results.add(ownerOf(turn), state.startedAt, toResult(role, state, turn.now)) };
  }

  private finishedNotice(locale: Locale): Reply {
    return privateReply([{ type: "text", text: messages(locale).assessment.finishedButton }], locale);
  }

  /**
   * A rating button of an assessment that is over: finished (its result is on file), or stopped,
   * expired or erased. When another assessment is in progress, its question is asked again.
   */
  private async pressedAfterEnd(payload: { started: string }, turn: FlowTurn, current?: ActiveAssessment): Promise<Step> {
    const finished = await this.results.has(ownerOf(turn), payload.started);
    const text = finished ? messages(turn.locale).assessment.finishedButton : messages(turn.locale).assessment.nothingToResume;
    if (!current) return { reply: privateReply([{ type: "text", text }], turn.locale) };
    return { reply: combine([privateReply([{ type: "text", text }], turn.locale), this.reask(current)]) };
  }

  private stale(state: ActiveAssessment): Step {
    const role = this.catalog.get(state.roleId);
    return { reply: privateReply([{ type: "text", text: messages(state.locale).assessment.staleButton }, ...questionBlocks(this.catalog, role, state)], state.locale) };
  }

  private nothingToResume(locale: Locale): Step {
    return { reply: this.nothingInProgress(locale) };
  }

  nothingInProgress(locale: Locale): Reply {
    return privateReply([{ type: "text", text: messages(locale).assessment.nothingToResume }], locale);
  }

  private async latestResult(owner: DataSubject, roleId: string, locale: Locale): Promise<Reply> {
    const results = (await this.results.list(owner)).filter((r) => r.roleId === roleId);
    const role = this.catalog.find(roleId);
    const latest = results.at(-1);
    if (!role || !latest) return this.resultsOf(owner, locale);
    return resultReply(this.catalog, role, latest, locale, results.at(-2));
  }
}

const activeState = (status: FlowStatus<ActiveAssessment>) => (status.kind === "active" ? status.state : undefined);
