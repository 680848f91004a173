import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { FORM_OPEN_ACTION } from "../../adapters/slack/to-block-kit.js";
import { dmChannelOf, type FakeSlackApi, type RecordedCall } from "../adapters/slack/fake-slack-api.js";
import { formButtonPress, pressInChannel, submissionAsShown } from "../adapters/slack/form-payloads.js";
import { seenButtons, type SeenButton } from "../adapters/slack/seen-message.js";
import { buttonPress, directMessage, mention } from "../adapters/slack/slack-harness.js";
import { postSigned } from "../adapters/slack/slack-signature.js";
import { until } from "./parcours-processes.js";

/**
 * Slack's traffic to real Parcours processes over HTTP, signed as Slack signs it, and what the fake
 * Web API received in return, read by conversation: what the tests of several processes send a
 * process of their choice, and read back whichever process answered.
 */
type Json = Record<string, any>;

/** A fresh Slack id of this run: `U…` for a user, `C…` for a channel. */
export const slackId = (prefix: "U" | "C") => `${prefix}${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;

export const buttonsOf = (call: RecordedCall, actionId: string): SeenButton[] => seenButtons(call.args).filter((b) => b.actionId === actionId);

/**
 * The messages the bot posted, by conversation (a post to a user id counts in their DM), indexed
 * as they arrive: fifty members waiting on their own DMs each read only theirs.
 */
export class PostsByConversation {
  private scanned = 0;
  private readonly posts = new Map<string, RecordedCall[]>();

  constructor(private readonly slack: FakeSlackApi) {}

  in(conversation: string): RecordedCall[] {
    for (; this.scanned < this.slack.calls.length; this.scanned++) {
      const call = this.slack.calls[this.scanned]!;
      if (call.method !== "chat.postMessage") continue;
      const channel = String(call.args.channel);
      const key = /^[UW]/.test(channel) ? dmChannelOf(channel) : channel;
      this.posts.set(key, [...(this.posts.get(key) ?? []), call]);
    }
    return this.posts.get(conversation) ?? [];
  }

  /** In a user's DM with the bot. */
  toUser(userId: string): RecordedCall[] {
    return this.in(dmChannelOf(userId));
  }
}

/** The `started` of the first assessment rating button among posted blocks (sent as JSON text or as objects). */
export function startedOf(blocks: unknown[]): string {
  const elements = blocks
    .flatMap((b) => (typeof b === "string" ? (JSON.parse(b) as unknown[]) : Array.isArray(b) ? b : []))
    .flatMap((block) => ((block as { elements?: { action_id?: string; value?: string }[] }).elements ?? []));
  const rate = elements.find((e) => e.action_id?.startsWith("assessment.rate"));
  if (!rate?.value) throw new Error("no rating button was posted");
  return (JSON.parse(rate.value) as { started: string }).started;
}

/** A survey a manager created in a channel: its card there, with the Answer button members press. */
export interface PostedSurvey {
  id: string;
  channel: string;
  /** The manager's mention, in whose thread the form's message was posted. */
  mentionTs: string;
  /** The message with the form's button. */
  offer: RecordedCall;
  card: RecordedCall;
  cardTs: string;
  answer: SeenButton;
}

export interface SurveyCreation {
  manager: string;
  channel: string;
  /** What the manager says to the bot, e.g. "survey on the SME trainer skills". */
  asked: string;
  /** Of the skills the modal showed selected, those the manager keeps. */
  keep: (shown: string[]) => string[];
}

/** Slack, as the app's Request URL sees it, and the fake Web API the processes answer through. */
export class SlackTraffic {
  readonly posts: PostsByConversation;

  constructor(
    readonly slack: FakeSlackApi,
    private readonly signingSecret: string,
  ) {
    this.posts = new PostsByConversation(slack);
  }

  /** An Events API envelope; `headers` adds those of a retry (x-slack-retry-num, x-slack-retry-reason). */
  event(url: string, envelope: Json, headers: Record<string, string> = {}): Promise<Response> {
    return postSigned(url, { secret: this.signingSecret, body: JSON.stringify(envelope), contentType: "application/json", headers });
  }

  /** An interaction, form-encoded with its JSON in `payload`, as Slack posts it. */
  interaction(url: string, payload: Json): Promise<Response> {
    return postSigned(url, { secret: this.signingSecret, body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, contentType: "application/x-www-form-urlencoded" });
  }

  /** The message.im event of `text` written by `userId` in their DM with the bot, with a fresh event id. */
  directMessage(userId: string, text: string): Json {
    return directMessage(text, { user: userId, channel: dmChannelOf(userId) });
  }

  dm(url: string, userId: string, text: string): Promise<Response> {
    return this.event(url, this.directMessage(userId, text));
  }

  /** A press of a button of the bot's in the user's DM (a rating…), carrying `value` as its JSON. */
  press(url: string, userId: string, actionId: string, value: unknown): Promise<Response> {
    const payload = buttonPress({ label: actionId, actionId, value: JSON.stringify(value), slackActionId: `${actionId}:0` }, { user: userId, channel: dmChannelOf(userId) });
    // No response_url: the answer goes through the Web API, which the fake records.
    delete payload.response_url;
    return this.interaction(url, payload);
  }

  /**
   * A manager creates a survey through the process at `url`: a mention in the channel, the form's
   * button, views.open, the modal submitted with the skills `keep` chooses; the card is posted.
   */
  async createSurvey(url: string, creation: SurveyCreation, explain: () => string): Promise<PostedSurvey> {
    const { manager, channel } = creation;
    const mentioned = mention(creation.asked, { user: manager, channel });
    const mentionTs = String(mentioned.event.ts);
    expect((await this.event(url, mentioned)).status).toBe(200);
    const offer = await until("the form's button", () => this.posts.in(channel).find((c) => c.args.thread_ts === mentionTs && buttonsOf(c, FORM_OPEN_ACTION).length === 1), explain);
    const formPress = formButtonPress(buttonsOf(offer, FORM_OPEN_ACTION)[0]!, { user: manager, channel, messageTs: this.slack.tsOf(offer), threadTs: mentionTs });
    expect((await this.interaction(url, formPress)).status).toBe(200);
    const opened = await until("views.open", () => this.slack.callsTo("views.open").find((c) => c.args.trigger_id === formPress.trigger_id), explain);
    const submission = submissionAsShown(opened.args.view, manager, (payload) => {
      const chosen = payload.view.state.values.skills.skills;
      const kept = new Set(creation.keep(chosen.selected_options.map((o: { value: string }) => o.value)));
      chosen.selected_options = chosen.selected_options.filter((o: { value: string }) => kept.has(o.value));
    });
    expect((await this.interaction(url, submission)).status).toBe(200);
    const card = await until("the survey card", () => this.posts.in(channel).find((c) => c.args.thread_ts === undefined && buttonsOf(c, "survey.answer").length === 1), explain);
    const answer = buttonsOf(card, "survey.answer")[0]!;
    return { id: (JSON.parse(answer.value) as { survey: string }).survey, channel, mentionTs, offer, card, cardTs: this.slack.tsOf(card), answer };
  }

  /**
   * A member answers a survey: presses Answer on the card through `via(0)`, then types `rating` for
   * each of `skills` through `via(k + 1)`, each once the bot has answered the one before (the next
   * question, then the thanks).
   */
  async answerSurvey(survey: PostedSurvey, member: string, answering: { skills: readonly string[]; rating: number; via: (step: number) => string }, explain: () => string): Promise<void> {
    const { skills, rating, via } = answering;
    const onSurvey = (value: string) => (JSON.parse(value) as { survey: string }).survey === survey.id;
    const asks = (skillId: string) => (c: RecordedCall) => buttonsOf(c, "survey.rate").some((b) => onSurvey(b.value) && (JSON.parse(b.value) as { skill: string }).skill === skillId);
    const thanks = (c: RecordedCall) => buttonsOf(c, "surveys.keep").some((b) => onSurvey(b.value));
    let seen = 0;
    const answered = async (what: string, matches: (c: RecordedCall) => boolean) => {
      const found = await until(`${member}: ${what}`, () => this.posts.toUser(member).slice(seen).find(matches), explain);
      seen = this.posts.toUser(member).indexOf(found) + 1;
    };
    expect((await this.interaction(via(0), pressInChannel(survey.answer, { user: member, channel: survey.channel, messageTs: survey.cardTs }))).status).toBe(200);
    await answered("the first question", asks(skills[0]!));
    for (const [k, skill] of skills.entries()) {
      expect((await this.dm(via(k + 1), member, String(rating))).status).toBe(200);
      const following = skills[k + 1];
      await answered(`the answer to ${skill}`, following ? asks(following) : thanks);
    }
  }
}
