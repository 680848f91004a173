import { App } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { boltLogger } from "../../../adapters/slack/bolt-logger.js";
import { SlackHttpReceiver } from "../../../adapters/slack/slack-http-receiver.js";
import { createLogger } from "../../../src/logging/logger.js";
import { HttpService } from "../../../src/service/http-service.js";
import { Capture } from "../../helpers.js";
import { FAKE_BOT_ID, FAKE_BOT_USER } from "./fake-slack-api.js";
import { directMessage, fixture, nextIds, SIGNING_SECRET } from "./slack-harness.js";
import { postSigned } from "./slack-signature.js";

/**
 * The receiver under a bare Bolt app, with listeners written for each case: what Slack gets back
 * when a listener acknowledges with a body, never acknowledges, or is absent.
 */
const servers: HttpService[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((http) => http.close()));
});

async function boltWith(listen: (app: App) => void, options: { ackWindowMs?: number } = {}) {
  const logs = new Capture();
  const logger = createLogger("debug", logs);
  const http = new HttpService(logger);
  const receiver = new SlackHttpReceiver({ signingSecret: SIGNING_SECRET, logger, http, path: "/slack/events", ...options });
  // A fixed authorization: these listeners never call the Web API, and Bolt need not ask auth.test.
  const app = new App({ authorize: async () => ({ botToken: "xoxb-0000-fake-bot-token", botUserId: FAKE_BOT_USER, botId: FAKE_BOT_ID }), receiver, logger: boltLogger(logger) });
  listen(app);
  await app.start();
  servers.push(http);
  const url = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}/slack/events`;
  const command = (name: string) => postSigned(url, { secret: SIGNING_SECRET, body: new URLSearchParams({ ...fixture("slash-command"), command: name, trigger_id: nextIds().trigger }).toString(), contentType: "application/x-www-form-urlencoded" });
  return { url, logs, command };
}

const logged = (logs: Capture) => logs.chunks.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("the receiver under Bolt", () => {
  it("answers with the body the listener acknowledges with: JSON, or text", async () => {
    const { command } = await boltWith((app) => {
      app.command("/json", async ({ ack }) => ack({ response_type: "ephemeral", text: "right away" }));
      app.command("/text", async ({ ack }) => ack("just text"));
    });
    const json = await command("/json");
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await json.json()).toEqual({ response_type: "ephemeral", text: "right away" });
    const text = await command("/text");
    expect(await text.text()).toBe("just text");
  });

  it("hands Slack's retry headers to the listeners", async () => {
    const seen: unknown[] = [];
    const { url } = await boltWith((app) => {
      app.event("message", async ({ context }) => {
        seen.push([context.retryNum, context.retryReason]);
      });
    });
    const body = JSON.stringify(directMessage("list the roles"));
    const response = await postSigned(url, { secret: SIGNING_SECRET, body, contentType: "application/json", headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" } });
    expect(response.status).toBe(200);
    expect(seen).toEqual([[2, "http_timeout"]]);
  });

  it("answers an empty 200 as soon as the app is done when no listener acknowledged, without waiting for the window", async () => {
    // A window longer than the test's own timeout: only the app finishing can answer in time.
    const { command, logs } = await boltWith((app) => app.command("/other", async ({ ack }) => ack()), { ackWindowMs: 10 * 60_000 });
    const response = await command("/unknown");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(logged(logs)).toContainEqual(expect.objectContaining({ level: 20, msg: "no listener acknowledged: answered 200" }));
  });

  it("answers an empty 200 when Slack's window passes without an acknowledgement, and takes a late ack quietly", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let lateAck: Promise<void> | undefined;
    const { command, logs } = await boltWith(
      (app) =>
        app.command("/slow", async ({ ack }) => {
          await gate;
          lateAck = ack();
        }),
      { ackWindowMs: 20 },
    );
    const response = await command("/slow");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(logged(logs)).toContainEqual(expect.objectContaining({ level: 20, msg: "not acknowledged within 3 seconds: answered 200 so that slack does not show an error" }));
    release();
    while (!lateAck) await new Promise((resolve) => setImmediate(resolve));
    await expect(lateAck).resolves.toBeUndefined();
    expect(logged(logs)).toContainEqual(expect.objectContaining({ msg: "acknowledged after slack had its answer" }));
  });

  it("answers 404 off its path and 405 to another method, reading nothing", async () => {
    const { url } = await boltWith(() => {});
    expect((await fetch(url.replace("/slack/events", "/elsewhere"), { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(url)).status).toBe(405);
  });
});
