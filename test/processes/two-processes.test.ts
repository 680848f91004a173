import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORM_OPEN_ACTION } from "../../adapters/slack/to-block-kit.js";
import { packageRoot } from "../../src/config/package-root.js";
import { openDatabase } from "../../src/records/database.js";
import { surveyMessages } from "../../src/surveys/survey-messages.js";
import { FAKE_BOT_USER, FakeSlackApi, dmChannelOf, type RecordedCall } from "../adapters/slack/fake-slack-api.js";
import { formButtonPress, pressInChannel, submissionAsShown } from "../adapters/slack/form-payloads.js";
import { seenButtons, seenText } from "../adapters/slack/seen-message.js";
import { postSigned } from "../adapters/slack/slack-signature.js";
import { shippedCatalog, tempDir } from "../helpers.js";
import { ownRedisAndPostgres, PATIENCE_MS, startProcess, stopProcess, until, type RunningProcess, type SharedStorage } from "./parcours-processes.js";

/**
 * Two real Parcours processes from the build, behind real HTTP, sharing one store, with Slack's
 * requests signed as Slack signs them: what several processes behind a load balancer see.
 */
const BOT_TOKEN = "xoxb-two-processes";
const SECRET = "two-processes-signing-secret";
const fixture = (name: string) => JSON.parse(readFileSync(join(packageRoot(), "test", "fixtures", "slack", name), "utf8")) as Record<string, any>;

function signed(url: string, body: string, contentType: "application/json" | "application/x-www-form-urlencoded") {
  return postSigned(url, { secret: SECRET, body, contentType });
}

const dm = (url: string, userId: string, text: string) => {
  const event = fixture("message-im.json");
  const ts = `${Date.now() / 1000}${Math.floor(Math.random() * 1000)}`;
  event.event = { ...event.event, user: userId, text, ts, event_ts: ts, channel: dmChannelOf(userId), client_msg_id: randomUUID(), blocks: [] };
  event.event_id = `Ev${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  return signed(url, JSON.stringify(event), "application/json");
};

const press = (url: string, userId: string, actionId: string, value: unknown) => {
  const payload = fixture("block-actions.json");
  payload.user = { ...payload.user, id: userId };
  payload.container = { ...payload.container, channel_id: dmChannelOf(userId) };
  payload.channel = { ...payload.channel, id: dmChannelOf(userId) };
  payload.trigger_id = randomUUID();
  delete payload.response_url;
  payload.actions = [{ ...payload.actions[0], action_id: `${actionId}:0`, value: JSON.stringify(value) }];
  return signed(url, `payload=${encodeURIComponent(JSON.stringify(payload))}`, "application/x-www-form-urlencoded");
};

const randomId = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;

let sequence = 0;
/** A message ts of this run: Slack's seconds.micro form, unique. */
const freshTs = () => `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, "0")}`;

/** An app_mention of the bot in a channel, as the Events API sends it. */
function mentionIn(url: string, userId: string, channel: string, text: string): { ts: string; sent: Promise<Response> } {
  const body = fixture("app-mention.json");
  const ts = freshTs();
  body.event = { ...body.event, user: userId, channel, text: `<@${FAKE_BOT_USER}> ${text}`, ts, event_ts: ts, client_msg_id: randomUUID(), blocks: [] };
  body.event_id = `Ev${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  return { ts, sent: signed(url, JSON.stringify(body), "application/json") };
}

/** An interaction, form-encoded with its JSON in `payload`, as Slack posts it. */
const interaction = (url: string, payload: Record<string, any>) => signed(url, `payload=${encodeURIComponent(JSON.stringify(payload))}`, "application/x-www-form-urlencoded");

/**
 * The messages the bot posted, by conversation (a post to a user id counts in their DM), indexed
 * as they arrive: fifty members waiting on their own DMs each read only theirs.
 */
class PostsByConversation {
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
}

/** The ts the fake gave a posted message: it keeps each one with the blocks it was posted with, until an update. */
function tsOf(slack: FakeSlackApi, call: RecordedCall): string {
  for (const [key, message] of slack.messages) if (message.blocks === call.args.blocks) return key.split(" ")[1]!;
  throw new Error("that message is not among those the fake posted (or it was updated since)");
}

const buttonsOf = (call: RecordedCall, actionId: string) => seenButtons(call.args).filter((b) => b.actionId === actionId);

/** The `started` of the first assessment rating button among posted blocks (sent as JSON text or as objects). */
function startedOf(blocks: unknown[]): string {
  const elements = blocks
    .flatMap((b) => (typeof b === "string" ? (JSON.parse(b) as unknown[]) : Array.isArray(b) ? b : []))
    .flatMap((block) => ((block as { elements?: { action_id?: string; value?: string }[] }).elements ?? []));
  const rate = elements.find((e) => e.action_id?.startsWith("assessment.rate"));
  if (!rate?.value) throw new Error("no rating button was posted");
  return (JSON.parse(rate.value) as { started: string }).started;
}

interface Backend {
  name: string;
  /** The processes' storage settings, on storage of this run's own. */
  env: () => Promise<Record<string, string>>;
  /** Removes that storage. */
  cleanUp: () => Promise<void>;
}

let shared: SharedStorage | undefined;
const BACKENDS: Backend[] = [
  { name: "SQLite", env: async () => ({ DATABASE_URL: `sqlite://${join(await tempDir(), "shared.sqlite")}` }), cleanUp: async () => undefined },
  { name: "Redis + PostgreSQL", env: async () => (shared = await ownRedisAndPostgres("two_processes")).env, cleanUp: async () => shared?.remove() },
];

describe.each(BACKENDS)("two Parcours processes on $name", (backend) => {
  const slack = new FakeSlackApi(BOT_TOKEN);
  let env: Record<string, string>;
  let processes: RunningProcess[] = [];

  beforeAll(async () => {
    await slack.start();
    env = { ...(await backend.env()), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, USER_REF_SALT: "two-processes-salt-0123" };
    // Both start at once, as a deployment does: the migrations must not collide either.
    processes = await Promise.all([startProcess(env), startProcess(env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map(({ child }) => stopProcess(child)));
    await slack.stop();
    await backend.cleanUp();
  }, 60_000);

  /** Waits until the DM of `userId` has received `count` messages in all. */
  const dmMessages = async (userId: string, count: number) => {
    const posted = () => slack.callsTo("chat.postMessage").filter((c) => c.args.channel === dmChannelOf(userId) || c.args.channel === userId);
    for (let tries = 0; posted().length < count; tries++) {
      if (tries > 1200) throw new Error(`only ${posted().length} of ${count} messages reached ${userId}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return posted();
  };

  async function resultOf(userId: string): Promise<Record<string, number | null>> {
    const database = await openDatabase(env.DATABASE_URL!);
    try {
      const row = await database.db.selectFrom("assessment_results").select("ratings").where("platform", "=", "slack").where("user_id", "=", userId).executeTakeFirstOrThrow();
      return JSON.parse(row.ratings) as Record<string, number | null>;
    } finally {
      await database.close();
    }
  }

  it("applies rating presses that reach both processes at once exactly once each, and refuses the other as stale", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const userId = `U${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;
    const [a, b] = processes.map((p) => p.url) as [string, string];
    await dm(a, userId, "assess me against learning architect");
    const first = await dmMessages(userId, 1);
    let seen = first.length;
    // Which assessment the buttons belong to, as the question's own buttons carry it.
    const started = startedOf(first.map((call) => call.args.blocks));
    for (const skill of role.skills) {
      const responses = await Promise.all([press(a, userId, "assessment.rate", { skill: skill.id, level: 2, started }), press(b, userId, "assessment.rate", { skill: skill.id, level: 4, started })]);
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      seen = (await dmMessages(userId, seen + 2)).length;
    }
    const toUser = slack.callsTo("chat.postMessage").filter((c) => c.args.channel === dmChannelOf(userId) || c.args.channel === userId);
    const saying = (words: string) => toUser.filter((c) => JSON.stringify(c.args).includes(words));
    // Each losing press is refused: as stale, or, for the last skill, because the assessment is finished.
    expect(saying("already answered")).toHaveLength(role.skills.length - 1);
    expect(saying("already finished")).toHaveLength(1);
    expect(saying("Your self-assessment")).toHaveLength(1);
    const ratings = await resultOf(userId);
    expect(Object.keys(ratings).sort()).toEqual(role.skills.map((s) => s.id).sort());
    for (const rating of Object.values(ratings)) expect([2, 4]).toContain(rating);
  });

  it("applies answers typed in a burst through both processes, each once, none lost", async () => {
    const role = (await shippedCatalog()).get("expert-trainer");
    const userId = `U${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;
    const [a, b] = processes.map((p) => p.url) as [string, string];
    await dm(a, userId, "assess me against SME trainer");
    let seen = (await dmMessages(userId, 1)).length;
    for (let i = 0; i < role.skills.length; i += 2) {
      await Promise.all([dm(a, userId, "2"), dm(b, userId, "4")]);
      seen = (await dmMessages(userId, seen + 2)).length;
    }
    const ratings = Object.values(await resultOf(userId));
    expect(ratings).toHaveLength(role.skills.length);
    expect(ratings.filter((r) => r === 2)).toHaveLength(role.skills.length / 2);
    expect(ratings.filter((r) => r === 4)).toHaveLength(role.skills.length / 2);
  });

  /**
   * A manager creates a survey of the SME trainer's skills through process A (mention, form button,
   * views.open, view_submission), keeping the first `skills` of them in the modal (or all); then
   * fifty members answer at the same moment, each pressing Answer on the card and typing a rating
   * per question, one after the bot's answer to the one before, step j of member i through process
   * (i + j) % 2. Every one must be counted once, whole, and the card must end on the exact count.
   */
  async function fiftyAnswerAtOnce(skills: number | "all"): Promise<void> {
    const role = (await shippedCatalog()).get("expert-trainer");
    const asked = skills === "all" ? role.skills : role.skills.slice(0, skills);
    const en = surveyMessages("en");
    const [a] = processes.map((p) => p.url) as [string, string];
    const channel = randomId("C");
    const manager = randomId("U");
    const members = Array.from({ length: 50 }, () => randomId("U"));
    slack.members.set(channel, [manager, ...members, FAKE_BOT_USER]);
    const posts = new PostsByConversation(slack);
    const explain = () => processes.map((p, i) => `process ${i}: ${p.errors().slice(-2000)}`).join("\n");

    const mentioned = mentionIn(a, manager, channel, "survey on the SME trainer skills");
    expect((await mentioned.sent).status).toBe(200);
    const offer = await until("the form's button", () => posts.in(channel).find((c) => c.args.thread_ts === mentioned.ts && buttonsOf(c, FORM_OPEN_ACTION).length === 1), explain);
    const formPress = formButtonPress(buttonsOf(offer, FORM_OPEN_ACTION)[0]!, { user: manager, channel, messageTs: tsOf(slack, offer), threadTs: mentioned.ts });
    expect((await interaction(a, formPress)).status).toBe(200);
    const opened = await until("views.open", () => slack.callsTo("views.open").find((c) => c.args.trigger_id === formPress.trigger_id), explain);
    const submission = submissionAsShown(opened.args.view, manager, (payload) => {
      // The modal showed every skill of the role selected; the manager keeps those asked.
      const chosen = payload.view.state.values.skills.skills;
      expect(chosen.selected_options.map((o: { value: string }) => o.value)).toEqual(role.skills.map((s) => s.id));
      chosen.selected_options = chosen.selected_options.slice(0, asked.length);
    });
    expect((await interaction(a, submission)).status).toBe(200);
    const cardPost = await until("the survey card", () => posts.in(channel).find((c) => c.args.thread_ts === undefined && buttonsOf(c, "survey.answer").length === 1), explain);
    const cardTs = tsOf(slack, cardPost);
    const answer = buttonsOf(cardPost, "survey.answer")[0]!;
    const surveyId = (JSON.parse(answer.value) as { survey: string }).survey;

    /** What a member's DM was last asked: the rating buttons of a skill of this survey, or the thanks. */
    const asks = (skillId: string) => (c: RecordedCall) => buttonsOf(c, "survey.rate").some((b) => JSON.parse(b.value).survey === surveyId && JSON.parse(b.value).skill === skillId);
    const thanks = (c: RecordedCall) => buttonsOf(c, "surveys.keep").some((b) => JSON.parse(b.value).survey === surveyId);
    const ratingOf = (i: number) => (i % 5) + 1;

    async function answerAll(member: string, i: number): Promise<void> {
      const via = (step: number) => processes[(i + step) % 2]!.url;
      const dmOf = dmChannelOf(member);
      let seen = 0;
      const answered = async (what: string, matches: (c: RecordedCall) => boolean) => {
        const found = await until(`${member} (member ${i}): ${what}`, () => posts.in(dmOf).slice(seen).find(matches), explain);
        seen = posts.in(dmOf).indexOf(found) + 1;
      };
      expect((await interaction(via(0), pressInChannel(answer, { user: member, channel, messageTs: cardTs }))).status).toBe(200);
      await answered("the first question", asks(asked[0]!.id));
      for (const [k, skill] of asked.entries()) {
        expect((await dm(via(k + 1), member, String(ratingOf(i)))).status).toBe(200);
        const following = asked[k + 1];
        await answered(`the answer to ${skill.id}`, following ? asks(following.id) : thanks);
      }
    }
    // All fifty at the same moment.
    await Promise.all(members.map((member, i) => answerAll(member, i)));

    // Each counted once: fifty responses, fifty respondents (none stored by name), every one whole and as typed.
    const database = await openDatabase(env.DATABASE_URL!);
    let rows: { respondent: string; ratings: string }[];
    try {
      rows = await database.db.selectFrom("survey_responses").select(["respondent", "ratings"]).where("survey_id", "=", surveyId).execute();
    } finally {
      await database.close();
    }
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.respondent)).size).toBe(50);
    expect(rows.filter((r) => members.some((member) => r.respondent.includes(member)))).toEqual([]);
    const given = rows.map((r) => JSON.parse(r.ratings) as Record<string, number>);
    for (const ratings of given) {
      expect(Object.keys(ratings).sort()).toEqual(asked.map((s) => s.id).sort());
      expect(new Set(Object.values(ratings)).size).toBe(1);
    }
    const tally = (levels: number[]) => levels.reduce<Record<number, number>>((t, l) => ({ ...t, [l]: (t[l] ?? 0) + 1 }), {});
    expect(tally(given.map((r) => Object.values(r)[0]!))).toEqual(tally(members.map((_, i) => ratingOf(i))));

    // The card, updated in place (never reposted), ends on the exact count, and never said more.
    const cardUpdates = () => slack.callsTo("chat.update").filter((c) => c.args.channel === channel && c.args.ts === cardTs);
    const lastShown = () => seenText(cardUpdates().at(-1)?.args ?? {});
    await until("the card's last update to say 50", () => (lastShown().includes(en.card.count(50)) ? true : undefined), () => `It says: ${lastShown()}\n${explain()}`);
    const counts = cardUpdates().map((c) => Number(/(\d+) responses? so far/.exec(seenText(c.args))?.[1]));
    expect(counts.every((n) => Number.isInteger(n) && n >= 1 && n <= 50)).toBe(true);
    expect(seenText(slack.messages.get(`${channel} ${cardTs}`)!)).toContain(en.card.count(50));
    // Fifty members answering left the channel alone: besides the card, only the manager's thread, with the form and a word that the tools went privately.
    expect(posts.in(channel).filter((c) => c.args.thread_ts !== mentioned.ts)).toEqual([cardPost]);
    expect(posts.in(channel).filter((c) => c.args.thread_ts === mentioned.ts).map((c) => c.args.text)).toEqual([offer.args.text, en.sentPrivately]);
  }

  it("counts fifty members answering a survey at once through both processes exactly once each, and the card ends on the exact count", () => fiftyAnswerAtOnce("all"), PATIENCE_MS * 2);

  // Each member's one rating is both what counts them and the last thing they do: no later answer
  // refreshes the card again, so a refresh that missed an answer arriving during another would show.
  it("keeps the card's count exact when each member's only answer is the last thing they do", () => fiftyAnswerAtOnce(1), PATIENCE_MS * 2);
});
