import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../../src/records/database.js";
import { surveyMessages } from "../../src/surveys/survey-messages.js";
import { FAKE_BOT_USER, FakeSlackApi, dmChannelOf } from "../adapters/slack/fake-slack-api.js";
import { seenText } from "../adapters/slack/seen-message.js";
import { shippedCatalog, tempDir } from "../helpers.js";
import { describeNeeding } from "../servers/needing.js";
import type { Server } from "../servers/servers.js";
import { ownRedisAndPostgres, PATIENCE_MS, startProcess, stopProcess, until, type RunningProcess, type SharedStorage } from "./parcours-processes.js";
import { slackId, SlackTraffic, startedOf } from "./slack-traffic.js";

/**
 * Two real Parcours processes from the build, behind real HTTP, sharing one store, with Slack's
 * requests signed as Slack signs them: what several processes behind a load balancer see.
 */
const BOT_TOKEN = "xoxb-two-processes";
const SECRET = "two-processes-signing-secret";

interface Backend {
  name: string;
  needs: Server[];
  /** The processes' storage settings, on storage of this run's own. */
  env: () => Promise<Record<string, string>>;
  /** Removes that storage. */
  cleanUp: () => Promise<void>;
}

let shared: SharedStorage | undefined;
const BACKENDS: Backend[] = [
  { name: "SQLite", needs: [], env: async () => ({ DATABASE_URL: `sqlite://${join(await tempDir(), "shared.sqlite")}` }), cleanUp: async () => undefined },
  { name: "Redis + PostgreSQL", needs: ["redis", "postgres"], env: async () => (shared = await ownRedisAndPostgres("two_processes")).env, cleanUp: async () => shared?.remove() },
];

for (const backend of BACKENDS) describeNeeding(backend.needs, `two Parcours processes on ${backend.name}`, () => {
  const slack = new FakeSlackApi(BOT_TOKEN);
  const traffic = new SlackTraffic(slack, SECRET);
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
    const userId = slackId("U");
    const [a, b] = processes.map((p) => p.url) as [string, string];
    await traffic.dm(a, userId, "assess me against learning architect");
    const first = await dmMessages(userId, 1);
    let seen = first.length;
    // Which assessment the buttons belong to, as the question's own buttons carry it.
    const started = startedOf(first.map((call) => call.args.blocks));
    for (const skill of role.skills) {
      const responses = await Promise.all([traffic.press(a, userId, "assessment.rate", { skill: skill.id, level: 2, started }), traffic.press(b, userId, "assessment.rate", { skill: skill.id, level: 4, started })]);
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
    const userId = slackId("U");
    const [a, b] = processes.map((p) => p.url) as [string, string];
    await traffic.dm(a, userId, "assess me against SME trainer");
    let seen = (await dmMessages(userId, 1)).length;
    for (let i = 0; i < role.skills.length; i += 2) {
      await Promise.all([traffic.dm(a, userId, "2"), traffic.dm(b, userId, "4")]);
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
    const channel = slackId("C");
    const manager = slackId("U");
    const members = Array.from({ length: 50 }, () => slackId("U"));
    slack.members.set(channel, [manager, ...members, FAKE_BOT_USER]);
    const { posts } = traffic;
    const explain = () => processes.map((p, i) => `process ${i}: ${p.errors().slice(-2000)}`).join("\n");

    const survey = await traffic.createSurvey(
      a,
      {
        manager,
        channel,
        asked: "survey on the SME trainer skills",
        // The modal showed every skill of the role selected; the manager keeps those asked.
        keep: (shown) => {
          expect(shown).toEqual(role.skills.map((s) => s.id));
          return shown.slice(0, asked.length);
        },
      },
      explain,
    );
    const { id: surveyId, cardTs, card: cardPost, offer, mentionTs } = survey;
    const ratingOf = (i: number) => (i % 5) + 1;
    // All fifty at the same moment, step j of member i through process (i + j) % 2.
    await Promise.all(members.map((member, i) => traffic.answerSurvey(survey, member, { skills: asked.map((s) => s.id), rating: ratingOf(i), via: (step) => processes[(i + step) % 2]!.url }, explain)));

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
    expect(posts.in(channel).filter((c) => c.args.thread_ts !== mentionTs)).toEqual([cardPost]);
    expect(posts.in(channel).filter((c) => c.args.thread_ts === mentionTs).map((c) => c.args.text)).toEqual([offer.args.text, en.sentPrivately]);
  }

  it("counts fifty members answering a survey at once through both processes exactly once each, and the card ends on the exact count", () => fiftyAnswerAtOnce("all"), PATIENCE_MS * 2);

  // Each member's one rating is both what counts them and the last thing they do: no later answer
  // refreshes the card again, so a refresh that missed an answer arriving during another would show.
  it("keeps the card's count exact when each member's only answer is the last thing they do", () => fiftyAnswerAtOnce(1), PATIENCE_MS * 2);
});
