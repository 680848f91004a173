import { readFileSync } from "node:fs";
import { openDatabase } from "../src/records/database.js";
import { announcementPosts, copiesReceived, startWorkspace, TO_EVERYONE } from "../test/adapters/slack/announced-workspace.js";
import { sharedStoresMissing, sqliteFile, type Storage } from "./bench-storage.js";
import { announce, ownRedisAndPostgres, startProcess, stopProcess, type ParcoursProcess } from "../test/processes/parcours-processes.js";
import type { BenchRow } from "./measure.js";

/**
 * `parcours announce` to everyone in a Slack workspace of RECIPIENTS people, against the fake Web
 * API on loopback enforcing PER_SECOND posts a second (a 429 beyond), sent by the announce command
 * alone on a SQLite file, then by it and a `parcours start` on Redis and PostgreSQL. The rate is the
 * fake's: delivered messages from its first announcement post to its last. Needs the build (npm run
 * bench builds) and, for two processes, the Redis and PostgreSQL the tests use.
 */
const PER_SECOND = 500;
/**
 * The issue asks for 10,000: at the 120 to 190 a second sent today, the two sends would take about
 * three minutes. Back to 10,000 once the rate nears PER_SECOND (20 s a send).
 */
const RECIPIENTS = 5_000;
const TOKEN = "xoxb-bench-announce";
const SECRET = "bench-announce-secret";
/** How often the sending processes' peak memory is read while they run. */
const MEMORY_EVERY_MS = 100;

/**
 * The most memory any of the processes has held, as Linux keeps it (VmHWM, the peak resident set),
 * read while they run: a process's last reading comes at most MEMORY_EVERY_MS before it exits.
 */
class PeakMemory {
  private peakKb = 0;
  private readonly timer = setInterval(() => this.read(), MEMORY_EVERY_MS);

  constructor(private readonly processes: readonly ParcoursProcess[]) {}

  /** In MB, after a last reading; NaN where there is no /proc. */
  stop(): number {
    this.read();
    clearInterval(this.timer);
    return this.peakKb > 0 ? this.peakKb / 1024 : Number.NaN;
  }

  private read(): void {
    for (const { child } of this.processes) {
      try {
        const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0);
        this.peakKb = Math.max(this.peakKb, kb);
      } catch {
        // Exited already, or not Linux.
      }
    }
  }
}

interface SendCost {
  /** Delivered messages a second at the fake, as a fraction of PER_SECOND. */
  achieved: number;
  duplicates: number;
  losses: number;
  refused: number;
  peakMb: number;
}

async function announcementId(url: string): Promise<string> {
  const database = await openDatabase(url);
  try {
    return (await database.db.selectFrom("announcements").select("id").executeTakeFirstOrThrow()).id;
  } finally {
    await database.close();
  }
}

/** One announcement to everyone, sent by the announce command and `helpers` more processes. */
async function send(storage: Storage, helpers: number): Promise<SendCost> {
  const { fake, people } = await startWorkspace(TOKEN, RECIPIENTS, PER_SECOND);
  const env = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, LND_ADMINS: `slack:${people[0]!.id}`, SLACK_MESSAGES_PER_SECOND: String(PER_SECOND), ...storage.env };
  const senders: ParcoursProcess[] = [];
  try {
    for (let i = 0; i < helpers; i++) senders.push(await startProcess(env));
    const command = await announce(TO_EVERYONE, `slack:${people[0]!.id}`, env);
    senders.push(command);
    const memory = new PeakMemory(senders);
    const code = await command.exited;
    const peakMb = memory.stop();
    if (code !== 0) throw new Error(`parcours announce exited with ${code}: ${command.errors().slice(-2000)}`);
    const id = await announcementId(storage.env.DATABASE_URL!);
    const { perPerson, misplaced } = copiesReceived(fake, id, people);
    const copies = [...perPerson.values()].map((messages) => messages.length);
    const delivered = copies.reduce((n, c) => n + c, 0);
    const times = announcementPosts(fake, id).map((call) => call.at);
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    return {
      achieved: (delivered - 1) / seconds / PER_SECOND,
      duplicates: copies.reduce((n, c) => n + Math.max(0, c - 1), 0) + misplaced,
      losses: copies.filter((c) => c === 0).length,
      refused: fake.postingLimits!.refused,
      peakMb,
    };
  } finally {
    await Promise.all(senders.map(({ child }) => stopProcess(child)));
    await fake.stop();
    await storage.remove();
  }
}

function rows(processes: string, cost: SendCost): BenchRow[] {
  const bench = `announcement to ${RECIPIENTS.toLocaleString("en")}, Slack fake at ${PER_SECOND}/s`;
  return [
    { bench, measure: `${processes}: rate achieved / allowed`, value: `${cost.achieved.toFixed(2)} (${(cost.achieved * PER_SECOND).toFixed(0)} /s)` },
    { bench, measure: `${processes}: duplicates / losses`, value: `${cost.duplicates} / ${cost.losses}` },
    { bench, measure: `${processes}: 429s answered`, value: String(cost.refused) },
    { bench, measure: `${processes}: peak RSS of a sending process`, value: `${cost.peakMb.toFixed(0)} MB` },
  ];
}

export async function benchAnnouncements(): Promise<BenchRow[]> {
  const one = await send(await sqliteFile(), 0);
  const missing = await sharedStoresMissing();
  if (missing) return [...rows("1 process, SQLite file", one), { bench: `announcement to ${RECIPIENTS.toLocaleString("en")}`, measure: "2 processes, Redis + PostgreSQL", value: `skipped: ${missing}` }];
  const two = await send(await ownRedisAndPostgres("announce_bench"), 1);
  return [...rows("1 process, SQLite file", one), ...rows("2 processes, Redis + PostgreSQL", two)];
}
