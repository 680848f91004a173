import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dmChannelOf, FakeSlackApi } from "../adapters/slack/fake-slack-api.js";
import { fixture as slackFixture } from "../adapters/slack/slack-harness.js";
import { postSigned } from "../adapters/slack/slack-signature.js";
import { FakeBotConnector } from "../adapters/teams/fake-bot-connector.js";
import { fixture as teamsFixture } from "../adapters/teams/teams-harness.js";
import { startProcess, stopProcess, until, type RunningProcess } from "./parcours-processes.js";

/**
 * `parcours start` with Slack and Teams both configured, as a container runs it: one PORT for
 * Slack's events, Teams' activities, health, readiness and metrics, and a request id from the
 * HTTP request to the log lines of its answer.
 */
const BOT_TOKEN = "xoxb-one-port";
const SECRET = "one-port-signing-secret";

const slack = new FakeSlackApi(BOT_TOKEN);
const connector = new FakeBotConnector();
let parcours: RunningProcess;
let origin: string;

beforeAll(async () => {
  await Promise.all([slack.start(), connector.start()]);
  parcours = await startProcess({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    TEAMS_ENABLED: "true",
    DATABASE_URL: "memory://",
    LOG_LEVEL: "info",
  });
  origin = new URL(parcours.url).origin;
});
afterAll(async () => {
  if (parcours) await stopProcess(parcours.child);
  await Promise.all([slack.stop(), connector.stop()]);
});

const logLines = () =>
  parcours
    .errors()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** A request that declares a body it never finishes sending: answered only if refused before reading. */
function declaringBody(url: string, length: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": String(length) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", reject);
    req.write(Buffer.alloc(64 * 1024, "a"));
  });
}

describe("one port", () => {
  it("serves Slack, Teams, health, readiness and metrics on PORT", async () => {
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(200);

    const event = slackFixture("message-im");
    const userId = "U0ONEPORT1";
    event.event = { ...event.event, user: userId, channel: dmChannelOf(userId), text: "what does a Learning Architect do?", client_msg_id: randomUUID(), blocks: [] };
    event.event_id = `Ev${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    const answered = await postSigned(`${origin}/slack/events`, { secret: SECRET, body: JSON.stringify(event), contentType: "application/json" });
    expect(answered.status).toBe(200);
    await slack.waitFor("chat.postMessage");

    const activity = { ...teamsFixture("personal-message"), id: randomUUID(), text: "c'est quoi un Digital Learning Manager ?", serviceUrl: connector.url };
    const turned = await fetch(`${origin}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    expect(turned.status).toBe(200);
    await connector.waitForMessages(1);

    const metrics = await (await fetch(`${origin}/metrics`)).text();
    expect(metrics).toMatch(/^parcours_messages_total\{platform="slack",intent="role\.describe"\} 1$/m);
    expect(metrics).toMatch(/^parcours_messages_total\{platform="teams",intent="role\.describe"\} 1$/m);

    // The Slack request's id is on the log line of the answer computed after its acknowledgement.
    const id = answered.headers.get("x-request-id");
    const understood = await until("the understood line", () => logLines().find((line) => line.msg === "message understood" && line.platform === "slack"));
    expect(understood.requestId).toBe(id);
  });

  it("refuses a body too large on every route before reading it, and stays up", async () => {
    const huge = 200 * 1024 * 1024;
    for (const path of ["/slack/events", "/api/messages", "/healthz", "/readyz", "/metrics", "/elsewhere"]) {
      expect([404, 405, 413]).toContain(await declaringBody(`${origin}${path}`, huge));
    }
    expect(await declaringBody(`${origin}/slack/events`, huge)).toBe(413);
    expect(await declaringBody(`${origin}/api/messages`, huge)).toBe(413);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });
});
