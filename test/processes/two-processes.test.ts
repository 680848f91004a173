import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/config/package-root.js";
import { openDatabase } from "../../src/records/database.js";
import { FakeSlackApi, dmChannelOf } from "../adapters/slack/fake-slack-api.js";
import { postSigned } from "../adapters/slack/slack-signature.js";
import { shippedCatalog, tempDir } from "../helpers.js";

/**
 * Two real Parcours processes from the build, behind real HTTP, sharing one store, with Slack's
 * requests signed as Slack signs them: what several processes behind a load balancer see.
 */
const BOT_TOKEN = "xoxb-two-processes";
const SECRET = "two-processes-signing-secret";
const PARCOURS = join(packageRoot(), "dist", "bin", "parcours.js");
const fixture = (name: string) => JSON.parse(readFileSync(join(packageRoot(), "test", "fixtures", "slack", name), "utf8")) as Record<string, any>;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [PARCOURS, "start"], { env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port), LOG_LEVEL: "warn" }, stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const url = `http://127.0.0.1:${port}/slack/events`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`parcours exited: ${errors}`);
    const listening = await fetch(url, { method: "GET" }).then(() => true, () => false);
    if (listening) return { child, url };
    if (tries > 600) throw new Error(`parcours did not listen: ${errors}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

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

/** The `started` of the first assessment rating button among posted blocks (sent as JSON text or as objects). */
function startedOf(blocks: unknown[]): string {
  const elements = blocks
    .flatMap((b) => (typeof b === "string" ? (JSON.parse(b) as unknown[]) : Array.isArray(b) ? b : []))
    .flatMap((block) => ((block as { elements?: { action_id?: string; value?: string }[] }).elements ?? []));
  const rate = elements.find((e) => e.action_id?.startsWith("assessment.rate"));
  if (!rate?.value) throw new Error("no rating button was posted");
  return (JSON.parse(rate.value) as { started: string }).started;
}

const BACKENDS = [
  { name: "SQLite", env: async () => ({ DATABASE_URL: `sqlite://${join(await tempDir(), "shared.sqlite")}` }) },
  { name: "Redis + PostgreSQL", env: async () => ({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test", REDIS_URL: "redis://127.0.0.1:6379" }) },
];

describe.each(BACKENDS)("two Parcours processes on $name", (backend) => {
  const slack = new FakeSlackApi(BOT_TOKEN);
  let env: Record<string, string>;
  let processes: { child: ChildProcess; url: string }[] = [];

  beforeAll(async () => {
    await slack.start();
    env = { ...(await backend.env()), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, USER_REF_SALT: "two-processes-salt-0123" };
    // Both start at once, as a deployment does: the migrations must not collide either.
    processes = await Promise.all([startProcess(env), startProcess(env)]);
  }, 60_000);

  afterAll(async () => {
    for (const { child } of processes) child.kill("SIGTERM");
    await slack.stop();
  });

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
});
