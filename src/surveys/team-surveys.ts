import { createHash } from "node:crypto";
import { parseJsonText } from "../records/json-text.js";
import { z } from "zod";
import { messages } from "../i18n/messages.js";
import { formSubmissionSchema, reply, type Block, type Reply } from "../answers/reply.js";
import { AssessmentResults } from "../assessment/assessment-results.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale } from "../catalog/schema.js";
import type { Speaker } from "../conversation/incoming.js";
import type { JobHandler } from "../jobs/job-queue.js";
import { describeError } from "../logging/describe-error.js";
import type { OutboundPorts } from "../outbound/outbound-ports.js";
import { OutboundError, type ConversationAddress } from "../outbound/outbound.js";
import type { DataSubject } from "../privacy/user-erasure.js";
import { CardRefresher } from "./card-refresher.js";
import { resultsCsv } from "./results-csv.js";
import { resultsReply } from "./results-reply.js";
import { SURVEY_FLOW, SurveyAnswerFlow } from "./survey-answer-flow.js";
import { surveyCard } from "./survey-card.js";
import { formContextSchema, readSurveyForm, surveyForm, type DraftProblem, type SurveyRequest } from "./survey-form.js";
import { formatDeadline, surveyMessages } from "./survey-messages.js";
import { SurveyRecords } from "./survey-records.js";
import { isOpen, MIN_RESPONSES_FLOOR, REMINDER_INTERVAL_MS, type Survey } from "./survey.js";
import { teamResults } from "./team-results.js";
import { flowButton } from "../flows/flow-action.js";
import type { CoreServices } from "../core-services.js";

/** The manager's tools, and what each button carries. */
export const SURVEY_TOOLS = ["surveys.create", "surveys.results", "surveys.remind", "surveys.extend", "surveys.close", "surveys.csv", "surveys.keep"] as const;
export type SurveyTool = (typeof SURVEY_TOOLS)[number];

const toolPayload = z.object({ survey: z.uuid(), days: z.number().int().min(1).max(30).optional() });
const DAY_MS = 24 * 3600_000;
/** How long what a card shows is remembered, to skip updates that change nothing: longer than any survey runs. */
const CARD_MEMORY_MS = 90 * DAY_MS;
const EXTEND_BY_DAYS = [2, 7];
/** The durable jobs of a survey; each carries the time it was scheduled for, so that an extension makes the old one moot. */
const JOB = { remind: "survey.remind", close: "survey.close" } as const;
const jobPayload = z.object({ survey: z.uuid(), at: z.number() });

/** The L&D admins among the core's services may see and run every survey. */
export interface TeamSurveysDependencies extends CoreServices {
  catalog: RoleCatalog;
  answerIdleMs: number;
}

/**
 * Team skill surveys: a manager asks in a channel, fills a short form, Parcours posts a card there;
 * members answer privately (SurveyAnswerFlow); the creator and the L&D admins see anonymous
 * aggregates, remind, extend, close, export. The reminder and the close are durable jobs, so
 * they survive restarts and run once across processes.
 */
export class TeamSurveys {
  readonly records: SurveyRecords;
  readonly answers: SurveyAnswerFlow;
  private readonly cards: CardRefresher;
  private readonly personal: AssessmentResults;

  constructor(private readonly deps: TeamSurveysDependencies) {
    this.records = new SurveyRecords(deps.database.db, deps.database.kind, () => deps.now().getTime());
    this.personal = new AssessmentResults(deps.database.db);
    this.cards = new CardRefresher(deps.state, deps.logger);
    this.answers = new SurveyAnswerFlow(
      deps.catalog,
      this.records,
      {
        answered: (survey) => {
          deps.metrics.surveyResponses.inc();
          void this.refreshCard(survey);
        },
        afterThanks: (survey, locale) => [{ type: "buttons", buttons: [{ label: surveyMessages(locale).answering.keepPersonal, actionId: "surveys.keep", value: JSON.stringify({ survey: survey.id }) }] }],
      },
      deps.answerIdleMs,
    );
  }

  /** "Sondage compétences DLM, réponse avant vendredi": the form, filled with what was understood. */
  offer(speaker: Speaker, request: SurveyRequest, locale: Locale): Reply {
    const m = surveyMessages(locale).problems;
    if (!speaker.place?.shared) return reply([{ type: "text", text: m.notInChannel }]);
    return surveyForm(this.deps.catalog, speaker.place, request, locale, this.deps.now(), speaker.timeZone ?? "UTC");
  }

  jobHandlers(): Record<string, JobHandler> {
    return {
      [JOB.remind]: async (job) => {
        const { survey: id, at } = jobPayload.parse(job.payload);
        const survey = await this.records.find(id);
        // An extended deadline scheduled its own reminder: this one is for the old date.
        if (survey && survey.remindAt === at) await this.remind(survey);
      },
      [JOB.close]: async (job) => {
        const { survey: id, at } = jobPayload.parse(job.payload);
        const survey = await this.records.find(id);
        if (survey) await this.close(survey, at);
      },
    };
  }

  /** A manager's tool, or the creation form coming back. */
  async onTool(speaker: Speaker, tool: SurveyTool, value: string, locale: Locale): Promise<Reply> {
    if (tool === "surveys.create") return this.create(speaker, value, locale);
    const payload = toolPayload.safeParse(parseJsonText(value));
    const m = surveyMessages(locale);
    const survey = payload.success ? await this.records.find(payload.data.survey) : undefined;
    if (!survey) return privateReply([{ type: "text", text: m.answering.unknown }], locale);
    if (tool === "surveys.keep") return this.keepPersonal(speaker, survey, locale);
    if (!this.mayManage(speaker, survey)) return privateReply([{ type: "text", text: m.refused }], locale);
    switch (tool) {
      case "surveys.results":
        return this.resultsOf(survey, locale);
      case "surveys.csv":
        return this.csvOf(survey, locale);
      case "surveys.remind":
        if (survey.closedAt !== undefined) return privateReply([{ type: "text", text: m.alreadyClosed }], locale);
        return privateReply([{ type: "text", text: (await this.remind(survey)) ?? m.alreadyReminded }], locale);
      case "surveys.extend":
        return this.extend(survey, payload.data?.days ?? EXTEND_BY_DAYS[0]!, locale);
      default:
        if (!(await this.close(survey))) return privateReply([{ type: "text", text: m.alreadyClosed }], locale);
        return privateReply([{ type: "text", text: m.closedNow(await this.records.count(survey)) }], locale);
    }
  }

  /** What "delete my data" removes here: the member's answers while they can still be told apart. */
  forgetMember(member: DataSubject): Promise<void> {
    return this.records.forgetMember(member);
  }

  private mayManage(speaker: Speaker, survey: Survey): boolean {
    return (speaker.platform === survey.platform && speaker.userId === survey.creatorId) || this.deps.admins.has(`${speaker.platform}:${speaker.userId}`);
  }

  private async create(speaker: Speaker, value: string, locale: Locale): Promise<Reply> {
    const m = surveyMessages(locale).problems;
    const submission = formSubmissionSchema.safeParse(parseJsonText(value));
    const context = submission.success ? formContextSchema.safeParse(parseJsonText(submission.data.context)) : undefined;
    if (!submission.success || !context?.success || context.data.platform !== speaker.platform) return this.problems([m.badField("form")], locale);
    const draft = readSurveyForm(this.deps.catalog, submission.data, this.deps.now(), context.data.timeZone ?? "UTC");
    if (!draft.ok) return this.problems(draft.problems.map((p) => problemText(p, locale)), locale);
    const port = this.deps.outbound.of(speaker.platform);
    if (!port) return this.problems([m.platformUnavailable], locale);
    const address: ConversationAddress = { platform: speaker.platform, conversationId: context.data.conversationId };
    // Only a member of the channel may start a survey in it: a forged submission cannot reach another team.
    let members: string[];
    try {
      members = await port.listMembers(address.conversationId);
    } catch (error) {
      this.deps.logger.warn({ err: describeError(error) }, "survey: channel members unavailable");
      return this.problems([m.cannotCheckMembers], locale);
    }
    if (!members.includes(speaker.userId)) return this.problems([m.notMember], locale);
    const survey = await this.records.create({ platform: speaker.platform, conversationId: address.conversationId, creatorId: speaker.userId, locale }, draft.draft);
    try {
      const card = await port.post(address, surveyCard(this.deps.catalog, survey, 0, creatorName(survey)));
      await this.records.setCard(survey, card);
    } catch (error) {
      await this.records.close(survey);
      this.deps.logger.warn({ err: describeError(error) }, "survey: card not posted");
      return this.problems([m.platformUnavailable], locale);
    }
    await this.schedule(survey);
    return privateReply([{ type: "text", text: surveyMessages(locale).created(survey.title, formatDeadline(survey.deadlineAt, locale, survey.timeZone)) }, this.toolButtons(survey, locale)], locale);
  }

  private async schedule(survey: Survey): Promise<void> {
    const { jobs } = this.deps;
    await jobs.schedule({ id: `${JOB.close}:${survey.id}:${survey.deadlineAt}`, name: JOB.close, payload: { survey: survey.id, at: survey.deadlineAt }, runAt: new Date(survey.deadlineAt) });
    if (survey.remindAt) await jobs.schedule({ id: `${JOB.remind}:${survey.id}:${survey.remindAt}`, name: JOB.remind, payload: { survey: survey.id, at: survey.remindAt }, runAt: new Date(survey.remindAt) });
  }

  private toolButtons(survey: Survey, locale: Locale): Block {
    const t = surveyMessages(locale).tools;
    const on = { survey: survey.id };
    return {
      type: "buttons",
      buttons: [
        { label: t.results, actionId: "surveys.results", value: JSON.stringify(on), style: "primary" },
        { label: t.remind, actionId: "surveys.remind", value: JSON.stringify(on) },
        ...EXTEND_BY_DAYS.map((days) => ({ label: t.extend(days), actionId: "surveys.extend", value: JSON.stringify({ ...on, days }) })),
        { label: t.close, actionId: "surveys.close", value: JSON.stringify(on), style: "danger" as const },
        { label: t.csv, actionId: "surveys.csv", value: JSON.stringify(on) },
      ],
    };
  }

  private async results(survey: Survey) {
    const role = this.deps.catalog.find(survey.roleId);
    if (!role) return undefined;
    const current = teamResults(survey, role, await this.records.allRatings(survey));
    const before = await this.records.previous(survey);
    const previous = before ? teamResults(before, role, await this.records.allRatings(before)) : undefined;
    return { role, current, previous };
  }

  private async resultsOf(survey: Survey, locale: Locale): Promise<Reply> {
    const held = await this.heldUntilClose(survey, locale);
    if (held) return held;
    const results = await this.results(survey);
    if (!results) return privateReply([{ type: "text", text: surveyMessages(locale).answering.unknown }], locale);
    const reply = resultsReply(survey, results.role, results.current, locale, results.previous);
    return { ...reply, blocks: [...reply.blocks, this.toolButtons(survey, locale)] };
  }

  private async csvOf(survey: Survey, locale: Locale): Promise<Reply> {
    const held = await this.heldUntilClose(survey, locale);
    if (held) return held;
    const results = await this.results(survey);
    if (!results) return privateReply([{ type: "text", text: surveyMessages(locale).answering.unknown }], locale);
    const csv = resultsCsv(results.current, results.role, locale);
    return privateReply([{ type: "section", title: surveyMessages(locale).csvTitle(survey.title), text: `\`\`\`\n${csv}\`\`\`` }], locale);
  }

  /**
   * An anonymous survey's figures wait for the close: two looks at them while answers come in
   * would give away the answers given in between. Until then, the count and when it closes.
   */
  private async heldUntilClose(survey: Survey, locale: Locale): Promise<Reply | undefined> {
    if (!survey.anonymous || survey.closedAt !== undefined) return undefined;
    const m = surveyMessages(locale).results;
    return privateReply([{ type: "header", text: m.title(survey.title) }, { type: "text", text: m.heldUntilClose(await this.records.count(survey), formatDeadline(survey.deadlineAt, locale, survey.timeZone)) }, this.toolButtons(survey, locale)], locale);
  }

  private async extend(survey: Survey, days: number, locale: Locale): Promise<Reply> {
    const m = surveyMessages(locale);
    if (!isOpen(survey, this.deps.now().getTime())) return privateReply([{ type: "text", text: m.alreadyClosed }], locale);
    const deadlineAt = survey.deadlineAt + days * DAY_MS;
    const remindAt = survey.remindAt ? survey.remindAt + days * DAY_MS : undefined;
    await this.records.extend(survey, deadlineAt, remindAt);
    const extended = { ...survey, deadlineAt, ...(remindAt ? { remindAt } : {}) };
    await this.schedule(extended);
    void this.refreshCard(extended);
    return privateReply([{ type: "text", text: m.extended(formatDeadline(deadlineAt, locale, survey.timeZone)) }], locale);
  }

  /**
   * Closes the survey (once, whoever asks first: the job at the deadline or the creator), which
   * destroys its secret; the card shows the final count, and the creator gets the results.
   */
  private async close(survey: Survey, scheduledDeadline?: number): Promise<boolean> {
    if (!(await this.records.close(survey, scheduledDeadline))) return false;
    const closed = { ...survey, closedAt: this.deps.now().getTime() };
    await this.refreshCard(closed);
    const port = this.deps.outbound.of(survey.platform);
    if (port) {
      try {
        const place = await port.openPrivateConversation(survey.creatorId);
        const count = await this.records.count(survey);
        const results = await this.resultsOf(closed, survey.locale);
        await port.post(place, { ...results, blocks: [{ type: "text", text: surveyMessages(survey.locale).closedNotice(survey.title, count) }, ...results.blocks] });
      } catch (error) {
        this.deps.logger.warn({ err: describeError(error) }, "survey: creator not told of the close");
      }
    }
    return true;
  }

  /**
   * Reminds, privately, the channel's members who have not answered: at most once a day, claimed
   * in the database so that two processes never both send it. Answers what to tell the creator.
   */
  private async remind(survey: Survey): Promise<string | undefined> {
    const now = this.deps.now().getTime();
    const port = this.deps.outbound.of(survey.platform);
    if (!port) return surveyMessages(survey.locale).problems.platformUnavailable;
    // Members first: a platform that cannot list them must not use up the day's reminder.
    let members: string[];
    try {
      members = await port.listMembers(survey.conversationId);
    } catch (error) {
      this.deps.logger.warn({ err: describeError(error) }, "survey: channel members unavailable for a reminder");
      return surveyMessages(survey.locale).problems.cannotCheckMembers;
    }
    if (!isOpen(survey, now) || !(await this.records.claimReminder(survey, now - REMINDER_INTERVAL_MS))) return undefined;
    const answered = await this.records.respondents(survey);
    let reminded = 0;
    for (const member of members) {
      const key = await this.records.respondentKey(survey, { platform: survey.platform, userId: member });
      if (!key || answered.has(key)) continue;
      try {
        await withRateLimit(() => this.sendReminder(port, member, survey));
        reminded++;
      } catch (error) {
        // One member who blocked the bot must not stop the others' reminders.
        this.deps.logger.info({ err: describeError(error) }, "survey: a reminder was not delivered");
      }
    }
    return surveyMessages(survey.locale).reminded(reminded);
  }

  private async sendReminder(port: NonNullable<ReturnType<OutboundPorts["of"]>>, member: string, survey: Survey): Promise<void> {
    const m = surveyMessages(survey.locale);
    const place = await port.openPrivateConversation(member);
    const rule = survey.anonymous ? m.card.anonymous(survey.minResponses) : m.card.named(creatorName(survey));
    await port.post(
      place,
      reply([
        { type: "text", text: m.reminder(survey.title, formatDeadline(survey.deadlineAt, survey.locale, survey.timeZone)) },
        { type: "text", text: rule },
        { type: "buttons", buttons: [flowButton(SURVEY_FLOW, "answer", { survey: survey.id }, m.card.answer, "primary")] },
      ]),
    );
  }

  private refreshCard(survey: Survey): Promise<void> {
    const card = survey.card;
    const port = this.deps.outbound.of(survey.platform);
    if (!card || !port) return Promise.resolve();
    const shownKey = `card:${survey.id}:shown`;
    // A rate-limited update is made again (counted again) after the wait the platform asked for: when it was the last answer's, no later one would correct the card.
    return this.cards.refresh(survey.id, () =>
      withRateLimit(async () => {
        const latest = (await this.records.find(survey.id)) ?? survey;
        const shown = surveyCard(this.deps.catalog, latest, await this.records.count(survey), creatorName(latest));
        // A member's second to last ratings do not change the card: the platform's update limit is kept for changes.
        const digest = createHash("sha256").update(JSON.stringify(shown.blocks)).digest("base64url");
        if ((await this.deps.state.get<string>(shownKey)) === digest) return;
        await port.update(card, shown);
        await this.deps.state.set(shownKey, digest, CARD_MEMORY_MS);
      }),
    );
  }

  /** "Also keep them in my self-assessments": only when the member asks, and only while their answers can still be found. */
  private async keepPersonal(speaker: Speaker, survey: Survey, locale: Locale): Promise<Reply> {
    const m = surveyMessages(locale).answering;
    const key = await this.records.respondentKey(survey, speaker);
    const ratings = key ? await this.records.responseOf(survey, key) : undefined;
    if (!ratings) return privateReply([{ type: "text", text: m.closed }], locale);
    const now = this.deps.now().toISOString();
    const complete = survey.skillIds.every((id) => typeof ratings[id] === "number");
    // Keyed by the survey's creation, so that asking twice keeps one copy.
    await this.personal.add(speaker, new Date(survey.createdAt).toISOString(), { roleId: survey.roleId, finishedAt: now, ratings, complete });
    return privateReply([{ type: "text", text: m.kept }], locale);
  }

  private problems(lines: string[], locale: Locale): Reply {
    return privateReply([{ type: "text", text: surveyMessages(locale).problems.intro }, { type: "text", text: lines.map((l) => `• ${l}`).join("\n") }], locale);
  }
}

/** The creator as the named rule shows them: a Slack mention, which Slack shows as their name; elsewhere the rule says "the creator". */
function creatorName(survey: Pick<Survey, "platform" | "creatorId">): string | undefined {
  return survey.platform === "slack" ? `<@${survey.creatorId}>` : undefined;
}

function problemText(problem: DraftProblem, locale: Locale): string {
  const m = surveyMessages(locale);
  switch (problem) {
    case "unknownRole":
    case "noSkills":
    case "deadlinePast":
      return m.problems[problem];
    case "minTooLow":
      return m.problems.minTooLow(MIN_RESPONSES_FLOOR);
    default:
      return m.problems.badField(m.form[problem === "title" ? "surveyTitle" : problem]);
  }
}

/** A platform that asks to slow down is given the wait it asked for, a few times at most. */
async function withRateLimit<T>(send: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof OutboundError) || error.failure.reason !== "rate-limited" || attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, (error.failure as { retryAfterMs: number }).retryAfterMs));
    }
  }
}

/** The manager's replies go to them privately; the channel hears only that they did. */
function privateReply(blocks: Block[], locale: Locale): Reply {
  return reply(blocks, { private: true, publicNotice: surveyMessages(locale).sentPrivately, privateUnavailableNotice: messages(locale).assessment.privateUnavailable });
}
