import { ANSWER_INTENTS, answer, type AnswerRequest } from "../answers/answer.js";
import { help, plainText } from "../answers/general-answers.js";
import { combine, withoutButtons, type Reply } from "../answers/reply.js";
import { AssessmentFlow, userScope } from "../assessment/assessment-flow.js";
import { AssessmentResults } from "../assessment/assessment-results.js";
import { typedLocale } from "../assessment/rating-parser.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import { LOCALES, type Locale } from "../catalog/schema.js";
import { FlowEngine } from "../flows/flow-engine.js";
import type { FlowTurn } from "../flows/flow.js";
import { messages } from "../i18n/messages.js";
import { describeError } from "../logging/describe-error.js";
import type { Logger } from "../logging/logger.js";
import type { ParcoursMetrics } from "../metrics/parcours-metrics.js";
import type { AddressBook } from "../outbound/address-book.js";
import type { Phrasing } from "../phrasing/phrasing.js";
import { userStateKey, type DataSubject, type UserErasure } from "../privacy/user-erasure.js";
import type { Database } from "../records/database.js";
import type { StateStore } from "../store/state-store.js";
import type { Understanding, Understood } from "../understanding/understanding.js";
import { checkInput } from "./check-input.js";
import { recentRoles, withContext, type RolesSoFar } from "./follow-up.js";
import type { IncomingAction, IncomingMessage, Speaker } from "./incoming.js";
import { KeyedLock } from "./keyed-lock.js";
import type { JobHandler, JobQueue } from "../jobs/job-queue.js";
import type { OutboundPorts } from "../outbound/outbound-ports.js";
import type { SurveyRequest } from "../surveys/survey-form.js";
import { SURVEY_TOOLS, TeamSurveys } from "../surveys/team-surveys.js";
import { SURVEY_FLOW } from "../surveys/survey-answer-flow.js";
import { surveyMessages } from "../surveys/survey-messages.js";
import { SurveyClosed } from "../surveys/survey-records.js";
import { userCommand } from "./user-commands.js";
import { ProgrammeAnnouncements } from "../announcements/programme-announcements.js";
import { ANNOUNCEMENT_TOOLS } from "../announcements/announcement-report.js";
import type { AnnouncementRequest } from "../announcements/announcement-form.js";
import { DATA_ACTIONS, typedDeletionAnswer, UserData, type DataAction } from "./user-data.js";

export interface BotDependencies {
  catalog: RoleCatalog;
  understanding: Understanding;
  state: StateStore;
  database: Database;
  addresses: AddressBook;
  erasure: UserErasure;
  outbound: OutboundPorts;
  jobs: JobQueue;
  /** `platform:userId` of the L&D admins (LND_ADMINS). */
  admins: ReadonlySet<string>;
  logger: Logger;
  metrics: ParcoursMetrics;
  defaultLocale: Locale;
  contextTtlMs: number;
  /** How long an unfinished self-assessment is kept without an answer. */
  assessmentIdleMs?: number;
  /** Template wording unless a language model is configured. */
  phrasing?: Phrasing;
  now?: () => Date;
}

/**
 * What the bot remembers of a user's conversation (one per user and conversation), so "and its
 * skills?" follows the last answer and "compare them" the last two roles.
 */
export interface ConversationContext extends RolesSoFar {
  locale: Locale;
  /** When the bot last asked whether to delete all the user's data: a "yes" typed next answers it. */
  deletionAskedAt?: number;
}

/** Platforms retry for minutes at most; an hour of memory covers every retry window. */
const DELIVERY_TTL_MS = 60 * 60 * 1000;
/**
 * How long a delivery being answered keeps others off it. Longer than any answer takes (a
 * language model's time-out included); shorter than Slack's second retry (a minute after the
 * first), so that a delivery whose process died while answering is answered on a retry.
 */
const ANSWERING_TTL_MS = 30_000;
/** The claim's value once the answer reached the platform. */
const ANSWERED = "answered";

/**
 * The delivery is being answered by another process (or this one) right now: the platform should
 * be told to deliver it again later (a 503), not that it was handled, since that process may die
 * before answering.
 */
export class DeliveryInProgress extends Error {
  constructor() {
    super("this delivery is being answered elsewhere");
    this.name = "DeliveryInProgress";
  }
}
const DEFAULT_ASSESSMENT_IDLE_MS = 7 * 24 * 3600_000;

const deliveryKey = (speaker: Speaker) => `delivery:${speaker.platform}:${speaker.deliveryId}`;
/** One user's messages are answered one at a time, whichever conversation they come from. */
const lockKey = (subject: DataSubject) => userStateKey(subject, "context");
/** Under the user's prefix, so that "delete my data" erases it; a DM and a channel thread each have their own. */
const contextKey = (speaker: Speaker) => userStateKey(speaker, `context:${encodeURIComponent(speaker.conversationId)}`);
const subjectOf = (speaker: Speaker): DataSubject => ({ platform: speaker.platform, userId: speaker.userId });

/** What the manager's message already said, for the survey form. */
function surveyRequest(understood: Understood): SurveyRequest {
  const deadline = understood.survey?.deadline;
  return {
    ...(understood.roles[0] ? { roleId: understood.roles[0] } : {}),
    ...(deadline ? { deadline: new Date(deadline) } : {}),
    ...(understood.survey?.anonymous !== undefined ? { anonymous: understood.survey.anonymous } : {}),
  };
}

/** What the author's message already said, for the announcement form. */
function announcementRequest(understood: Understood, catalog: RoleCatalog): AnnouncementRequest {
  const said = understood.announcement;
  const role = understood.roles[0] ? catalog.find(understood.roles[0]) : undefined;
  return {
    ...(role ? { title: role.names[understood.locale] } : {}),
    ...(said?.message ? { message: said.message } : {}),
    ...(said ? { channels: said.channels, users: said.users, userGroups: said.userGroups, everyone: said.everyone } : {}),
  };
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** The platform-neutral bot: every adapter hands it messages and button presses, and renders its replies. */
export class ParcoursBot {
  private readonly flows: FlowEngine;
  private readonly assessments: AssessmentFlow;
  private readonly userData: UserData;
  private readonly surveys: TeamSurveys;
  /** Programme announcements, also driven from the command line (`parcours announce`). */
  readonly announcements: ProgrammeAnnouncements;
  /** One message or button at a time per user in this process; across processes, flow steps are compare-and-set. */
  private readonly perUser = new KeyedLock();
  private readonly now: () => Date;

  constructor(private readonly deps: BotDependencies) {
    this.now = deps.now ?? (() => new Date());
    this.flows = new FlowEngine(deps.state, this.now);
    const results = new AssessmentResults(deps.database.db);
    this.assessments = new AssessmentFlow(deps.catalog, results, this.flows, deps.assessmentIdleMs ?? DEFAULT_ASSESSMENT_IDLE_MS, this.now);
    this.flows.register(this.assessments);
    this.surveys = new TeamSurveys({ ...deps, answerIdleMs: deps.assessmentIdleMs ?? DEFAULT_ASSESSMENT_IDLE_MS, now: this.now });
    this.flows.register(this.surveys.answers);
    this.announcements = new ProgrammeAnnouncements({ ...deps, now: this.now });
    this.userData = new UserData(deps.erasure);
    // What the core itself keeps about a user; adapters register theirs (caches, files, references).
    deps.erasure.register("conversation state", async (subject) => {
      await deps.state.deleteByPrefix(userStateKey(subject, ""));
    });
    deps.erasure.register("assessment results", (subject) => results.deleteAll(subject));
    deps.erasure.register("conversation addresses", (subject) => deps.addresses.forgetUser(subject.platform, subject.userId));
    deps.erasure.register("survey answers", (subject) => this.surveys.forgetMember(subject));
    deps.erasure.register("announcement deliveries", (subject) => this.announcements.forgetUser(subject));
  }

  /**
   * Answers a message; `undefined` means this delivery was already answered (a platform retry).
   * Throws DeliveryInProgress when it is being answered now; the adapter calls `answered` once
   * the reply reached the platform.
   */
  async handleMessage(message: IncomingMessage): Promise<Reply | undefined> {
    const answered = this.deps.metrics.answerSeconds.startTimer({ platform: message.platform });
    try {
      return await this.perUser.run(lockKey(message), () => this.safely(message, () => this.answerMessage(message)));
    } finally {
      answered();
    }
  }

  /** Answers a button press. Buttons carry the whole request, so no understanding is needed. */
  async handleAction(action: IncomingAction): Promise<Reply | undefined> {
    return this.perUser.run(lockKey(action), () => this.safely(action, () => this.answerAction(action)));
  }

  /** The reply to this delivery reached the platform: from now on a redelivery is a duplicate, for an hour. */
  async answered(speaker: Speaker): Promise<void> {
    if (speaker.deliveryId) await this.deps.state.set(deliveryKey(speaker), ANSWERED, DELIVERY_TTL_MS);
  }

  /** The durable jobs the core runs: survey reminders and closes, announcements' starts and deliveries. */
  jobHandlers(): Record<string, JobHandler> {
    return { ...this.surveys.jobHandlers(), ...this.announcements.jobHandlers() };
  }

  /** The user's latest self-assessment result (private to them), for a platform's home screen. */
  async latestAssessment(owner: DataSubject, locale: Locale): Promise<Reply | undefined> {
    return this.assessments.latest(owner, locale);
  }

  /**
   * A failure becomes a sentence in the user's language and a log line, never a stack trace in
   * chat. The work is fenced against "delete my data": whatever it wrote after an erasure began is erased too.
   */
  private async safely(speaker: Speaker, work: () => Promise<Reply | undefined>): Promise<Reply | undefined> {
    try {
      return await this.deps.erasure.fenced(subjectOf(speaker), work);
    } catch (error) {
      // Someone else's claim: neither erased nor answered here.
      if (error instanceof DeliveryInProgress) throw error;
      // The survey closed between the question and the answer: said plainly, and the answer is not recorded.
      if (error instanceof SurveyClosed) return plainText(surveyMessages(speaker.locale ?? this.deps.defaultLocale).answering.closed);
      this.deps.logger.error({ platform: speaker.platform, err: describeError(error) }, "handling failed");
      // Give the delivery back, so that the platform's retry gets a real answer.
      if (speaker.deliveryId) await this.deps.state.delete(deliveryKey(speaker)).catch(() => false);
      return plainText(messages(speaker.locale ?? this.deps.defaultLocale).error);
    }
  }

  private async answerMessage(message: IncomingMessage): Promise<Reply | undefined> {
    if (!(await this.firstDelivery(message))) return undefined;
    const context = await this.context(message);
    const checked = checkInput(message.text);
    const fallbackLocale = message.locale ?? context?.locale ?? this.deps.defaultLocale;
    if (!checked.ok) return plainText(checked.problem(messages(fallbackLocale)));

    const detected = this.deps.understanding.understand(checked.text, { fallbackLocale, now: this.now(), ...(message.timeZone ? { timeZone: message.timeZone } : {}) });
    const understood = message.replyLocale ? { ...detected, locale: message.replyLocale } : detected;
    const command = userCommand(checked.text);
    this.deps.logger.info(
      { platform: message.platform, user: subjectOf(message), intent: understood.intent, command, roles: understood.roles, locale: understood.locale, confidence: understood.confidence },
      "message understood",
    );
    this.deps.metrics.messages.inc({ platform: message.platform, intent: understood.intent });
    if (understood.intent === "unknown") this.deps.metrics.unknownQuestions.inc({ platform: message.platform });
    const deletionAnswer = typedDeletionAnswer(checked.text, context?.deletionAskedAt, this.now());
    // The language and roles of the last message answer the buttons pressed after it. A one-off
    // question (`parcours ask`) has no next message: nothing is kept for it.
    const request = withContext(understood, context);
    if (!message.oneOff) {
      await this.remember(message, understood.locale, request.roles.length > 0 ? request.roles : (context?.roles ?? []), context, command === "delete-data" ? this.now().getTime() : undefined);
    }
    const subject = subjectOf(message);
    if (deletionAnswer) return this.userData.onAction(subject, deletionAnswer, understood.locale);
    const textLocale = message.replyLocale ?? typedLocale(checked.text);
    const flowTurn = { ...this.turn(subject, understood.locale), ...(textLocale ? { textLocale } : {}), ...(message.deliveryId ? { deliveryId: message.deliveryId } : {}) };
    const flowReply = await this.flows.text(flowTurn, checked.text);
    if (flowReply && !("reask" in flowReply)) return flowReply;
    const interrupted = flowReply;
    if (interrupted && command === "explain-skill" && understood.roles.length === 0) return this.assessments.explain(subject, understood.locale, textLocale);
    if (command === "delete-data") return this.userData.confirm(understood.locale);
    if (command === "results") return this.assessments.resultsOf(subject, understood.locale);
    if (command === "resume") return (await this.flows.resume(flowTurn)) ?? this.assessments.nothingInProgress(understood.locale);
    if (understood.intent === "assessment.start") {
      // Started by a one-off question, an assessment would wait for answers that can never come.
      if (message.oneOff) return plainText(messages(understood.locale).inConversation.assessment);
      return this.assessments.start(subject, understood.roles[0], understood.locale);
    }
    if (understood.intent === "survey.start") return this.surveys.offer(message, surveyRequest(understood), understood.locale);
    if (understood.intent === "announcement.create") return this.announcements.offer(message, announcementRequest(understood, this.deps.catalog), understood.locale);
    if (interrupted && understood.intent === "unknown") return this.assessments.unusable(subject, understood.locale, textLocale);
    // A question asked mid-assessment is answered, then the assessment picks up where it was.
    const answered = await this.respond(request);
    // The answer's own buttons are left out, so that numbers and buttons all rate the skill.
    return interrupted ? combine([withoutButtons(answered), interrupted.reask]) : answered;
  }

  private async answerAction(action: IncomingAction): Promise<Reply | undefined> {
    if (!(await this.firstDelivery(action))) return undefined;
    const context = await this.context(action);
    const locale = action.locale ?? context?.locale ?? this.deps.defaultLocale;
    const subject = subjectOf(action);
    // Who pressed what in an anonymous survey, and when, must not be written down anywhere.
    const anonymous = action.actionId.startsWith(`${SURVEY_FLOW.id}.`);
    this.deps.logger.info({ platform: action.platform, ...(anonymous ? {} : { user: subject }), action: action.actionId }, "action received");
    const flowReply = await this.flows.action(this.turn(subject, locale), action.actionId, action.value);
    if (flowReply) return flowReply;
    if (isOneOf(DATA_ACTIONS, action.actionId)) {
      // Answered by its button: a "yes" typed after this is about something else.
      if (context?.deletionAskedAt !== undefined) await this.remember(action, context.locale, context.roles, context);
      return this.userData.onAction(subject, action.actionId as DataAction, locale);
    }
    if (isOneOf(SURVEY_TOOLS, action.actionId)) return this.surveys.onTool(action, action.actionId, action.value, locale);
    if (isOneOf(ANNOUNCEMENT_TOOLS, action.actionId)) return this.announcements.onTool(action, action.actionId, action.value, locale);
    const roles = action.value.split(",").filter(Boolean);
    const intent = ANSWER_INTENTS.find((i) => i === action.actionId);
    if (!intent || !roles.every((id) => this.deps.catalog.find(id))) {
      const fallback = help(locale);
      return { ...fallback, blocks: [{ type: "text", text: messages(locale).unknownAction }, ...fallback.blocks] };
    }
    if (roles.length > 0) await this.remember(action, locale, roles, context);
    return this.respond({ intent, roles, locale });
  }

  private turn(subject: DataSubject, locale: Locale): FlowTurn {
    return { scope: userScope(subject), locale, now: this.now() };
  }

  private remember(speaker: Speaker, locale: Locale, roles: readonly string[], previous: ConversationContext | undefined, deletionAskedAt?: number): Promise<void> {
    const recent = recentRoles(roles, previous);
    const context: ConversationContext = { locale, roles: [...roles], recent, ...(deletionAskedAt !== undefined ? { deletionAskedAt } : {}) };
    return this.deps.state.set<ConversationContext>(contextKey(speaker), context, this.deps.contextTtlMs);
  }

  /** A message's context was remembered on arrival; a button's, before this answer. */
  private async respond(request: AnswerRequest): Promise<Reply> {
    const reply = answer(this.deps.catalog, request);
    return this.deps.phrasing ? this.deps.phrasing.phrase(request, reply) : reply;
  }

  /**
   * Claimed for a short while as it is answered, for an hour once answered (`answered`). A
   * delivery whose process died while answering it is free again when its short claim lapses.
   */
  private async firstDelivery(speaker: Speaker): Promise<boolean> {
    if (!speaker.deliveryId) return true;
    const key = deliveryKey(speaker);
    if (await this.deps.state.claim(key, ANSWERING_TTL_MS)) return true;
    if ((await this.deps.state.get(key)) !== ANSWERED) throw new DeliveryInProgress();
    this.deps.logger.info({ platform: speaker.platform }, "duplicate delivery ignored");
    return false;
  }

  private async context(speaker: Speaker): Promise<ConversationContext | undefined> {
    const context = await this.deps.state.get<ConversationContext>(contextKey(speaker));
    return context && isOneOf(LOCALES, context.locale) ? context : undefined;
  }
}
