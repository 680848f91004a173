import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnnouncementRecords } from "../../src/announcements/announcement-records.js";
import { openDatabase, type Database } from "../../src/records/database.js";
import { announcementPosts, copiesReceived, startWorkspace, TO_EVERYONE, type Person } from "../adapters/slack/announced-workspace.js";
import type { FakeSlackApi } from "../adapters/slack/fake-slack-api.js";
import { seenText } from "../adapters/slack/seen-message.js";
import { tempDir } from "../helpers.js";
import { itNeeding } from "../servers/needing.js";
import { announce, ownRedisAndPostgres, PATIENCE_MS, startProcess, stopProcess, until, type ParcoursProcess } from "./parcours-processes.js";

/**
 * Announcements to everyone in a Slack workspace, made with `parcours announce` and sent by real
 * processes of the build through the real Slack SDK, against the fake Web API on loopback, which
 * holds the workspace's people with their languages and answers a 429 to posts beyond its rate.
 * What counts is what the workspace received: each person's copies, found by the delivery key
 * every announcement message carries in its metadata, and when each post arrived.
 */
const BOT_TOKEN = "xoxb-announcement-processes";
const SECRET = "announcement-processes-secret";

function slackEnv(fake: FakeSlackApi, author: Person, perSecond: number): Record<string, string> {
  return { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, LND_ADMINS: `slack:${author.id}`, SLACK_MESSAGES_PER_SECOND: String(perSecond) };
}

/** The one announcement in a fresh database, as its records and report read it. */
async function theAnnouncement(database: Database) {
  const records = new AnnouncementRecords(database.db);
  const rows = await database.db.selectFrom("announcements").select("id").execute();
  expect(rows).toHaveLength(1);
  const { id } = rows[0]!;
  return { id, status: async () => (await records.find(id))?.status, counts: () => records.counts(id) };
}

/** Every person once, in their DM, in their language; nothing elsewhere. */
function expectEachReachedOnce(fake: FakeSlackApi, announcementId: string, people: readonly Person[]): void {
  const { perPerson, misplaced } = copiesReceived(fake, announcementId, people);
  const notOnce = people.filter(({ id }) => perPerson.get(id)!.length !== 1).map(({ id }) => `${id}: ${perPerson.get(id)!.length}`);
  expect(notOnce).toEqual([]);
  expect(misplaced).toBe(0);
  const wrongLanguage = people.filter(({ id, locale }) => !seenText(perPerson.get(id)![0]!).includes(TO_EVERYONE.body[locale]));
  expect(wrongLanguage).toEqual([]);
}

/** The most posts that arrived within any one second. */
function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

const tail = (processes: readonly ParcoursProcess[]) => () => processes.map((p, i) => `process ${i}: ${p.errors().slice(-2000)}`).join("\n");

describe("announcements sent by real processes", () => {
  /**
   * Killed with posts in flight: Slack took them, and the process never heard back. Their
   * deliveries stay in flight, their jobs leased to the dead process; `parcours start` takes the
   * rest at once, and those once the database queue's lease lapses (JOB_LEASE_SECONDS, at its
   * least here rather than its minute), finding each message in its DM's history instead of posting
   * it again.
   */
  it("reaches everyone exactly once when the sending process is killed mid-send and another finishes the send", async () => {
    const perSecond = 50;
    const { fake, people } = await startWorkspace(BOT_TOKEN, 200, perSecond);
    const env = { ...slackEnv(fake, people[0]!, perSecond), DATABASE_URL: `sqlite://${join(await tempDir(), "parcours.sqlite")}`, JOB_LEASE_SECONDS: "10" };
    const sender = await announce(TO_EVERYONE, `slack:${people[0]!.id}`, env);
    const processes: ParcoursProcess[] = [sender];
    const posts = () => fake.callsTo("chat.postMessage").filter((call) => call.args.metadata).length;
    let database: Database | undefined;
    try {
      await until("20 of the announcement's posts", () => (posts() >= 20 ? true : undefined), tail(processes));
      const answer = fake.hold("chat.postMessage");
      const answered = posts();
      await until("a post in flight", () => (posts() > answered ? true : undefined), tail(processes));
      sender.child.kill("SIGKILL");
      expect(await sender.exited).toBeNull();
      // Their messages land after the sender died: it never learns where they went.
      answer();
      expect(posts()).toBeLessThan(people.length);

      processes.push(await startProcess(env));
      database = await openDatabase(env.DATABASE_URL);
      const announcement = await theAnnouncement(database);
      await until("the announcement to be done", async () => ((await announcement.status()) === "done" ? true : undefined), tail(processes));

      expectEachReachedOnce(fake, announcement.id, people);
      const counts = await announcement.counts();
      expect(counts).toMatchObject({ total: people.length, byStatus: { pending: 0, sending: 0, sent: people.length, failed: 0, cancelled: 0 }, possiblyDuplicated: 0 });
    } finally {
      await database?.close();
      await Promise.all(processes.map(({ child }) => stopProcess(child)));
      await fake.stop();
    }
  }, PATIENCE_MS * 2);

  /**
   * Two `parcours start` processes and the announce command, each with a URL of its own on the fake
   * so that its posts can be told apart, take deliveries from one BullMQ queue; the pace is claimed
   * slot by slot in Redis, so the three together keep to the workspace's rate.
   */
  itNeeding(["redis", "postgres"], "shares the workspace's rate among three sending processes on Redis and PostgreSQL, and reaches everyone exactly once", async () => {
    // A slot each 200 ms: a window shows one post more only if one arrived a whole slot late
    // (event loops, a busy scheduler); 90 ms at worst was seen with every core kept busy besides.
    const perSecond = 5;
    const { fake, people } = await startWorkspace(BOT_TOKEN, 80, perSecond);
    const storage = await ownRedisAndPostgres("announcement_processes");
    const env = { ...slackEnv(fake, people[0]!, perSecond), ...storage.env };
    const processes: ParcoursProcess[] = [];
    let database: Database | undefined;
    try {
      processes.push(...(await Promise.all(["start-1", "start-2"].map((name) => startProcess({ ...env, SLACK_API_URL: fake.apiUrlOf(name) })))));
      const sender = await announce(TO_EVERYONE, `slack:${people[0]!.id}`, { ...env, SLACK_API_URL: fake.apiUrlOf("announce") });
      processes.push(sender);
      await until("the announce command to end", () => sender.child.exitCode ?? sender.child.signalCode ?? undefined, tail(processes));
      expect(await sender.exited, sender.errors()).toBe(0);
      // Its final status card.
      expect(sender.output()).toContain(`Sent: ${people.length} / ${people.length}`);

      database = await openDatabase(env.DATABASE_URL);
      const announcement = await theAnnouncement(database);
      expect(await announcement.status()).toBe("done");
      expectEachReachedOnce(fake, announcement.id, people);
      expect(await announcement.counts()).toMatchObject({ byStatus: { sent: people.length }, possiblyDuplicated: 0 });

      const posted = announcementPosts(fake, announcement.id);
      expect(new Set(posted.map((call) => call.sender))).toEqual(new Set(["start-1", "start-2", "announce"]));
      expect(busiestSecond(posted.map((call) => call.at))).toBeLessThanOrEqual(perSecond + 1);
      expect(fake.postingLimits!.refused).toBe(0);
    } finally {
      await database?.close();
      await Promise.all(processes.map(({ child }) => stopProcess(child)));
      await fake.stop();
      await storage.remove();
    }
  }, PATIENCE_MS * 2);
});
