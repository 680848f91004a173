import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { startSlack, type RunningSlack } from "../../../adapters/slack/start-slack.js";
import { loadConfig } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logging/logger.js";
import { Capture, shippedCatalog, testParcours } from "../../helpers.js";
import { FakeSlackApi } from "./fake-slack-api.js";
import { directMessage, fixture } from "./slack-harness.js";
import { seenText } from "./seen-message.js";

const BOT_TOKEN = "xoxb-0000-fake-bot-token";
const APP_TOKEN = "xapp-1-A0FAKE001-0000-fakeapptoken";

/**
 * Socket Mode end to end: apps.connections.open on the fake Web API hands out a loopback
 * WebSocket URL; the fake socket says hello, sends envelopes as Slack does and collects the acks.
 * https://docs.slack.dev/apis/events-api/using-socket-mode
 */
describe("Slack adapter in Socket Mode", () => {
  const fake = new FakeSlackApi(BOT_TOKEN, APP_TOKEN);
  const sockets = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  const acks: { envelope_id: string }[] = [];
  let socket: WebSocket | undefined;
  let running: RunningSlack;
  const logs = new Capture();

  beforeAll(async () => {
    await fake.start();
    const connected = new Promise<void>((resolve) => {
      sockets.on("connection", (ws: WebSocket) => {
        socket = ws;
        ws.on("message", (data) => acks.push(JSON.parse(String(data))));
        ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" }, connection_info: { app_id: "A0FAKE001" } }));
        resolve();
      });
    });
    fake.socketUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link/?ticket=fake-ticket`;
    const logger = createLogger("warn", logs);
    const parcours = await testParcours({ logger });
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl, DATABASE_URL: "memory://" });
    running = await startSlack(parcours, config, logger);
    await connected;
  });

  afterAll(async () => {
    await running?.stop();
    socket?.terminate();
    await new Promise((resolve) => sockets.close(resolve));
    await fake.stop();
  });

  it("connects with the app-level token and runs without an HTTP port", () => {
    expect(running.mode).toBe("socket");
    expect(running.port).toBeUndefined();
    expect(fake.callsTo("apps.connections.open")).toHaveLength(1);
  });

  it("stops the start naming SLACK_APP_TOKEN when Slack refuses it", async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: "xapp-1-A0FAKE001-0000-wrongtoken", SLACK_API_URL: fake.apiUrl, DATABASE_URL: "memory://" });
    const logger = createLogger("silent", new Capture());
    await expect(startSlack(await testParcours({ logger }), config, logger)).rejects.toThrow(/^Slack refused SLACK_APP_TOKEN \(invalid_auth\)/);
  });

  it("acknowledges an events_api envelope and answers the DM", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    socket!.send(JSON.stringify({ envelope_id: "env-0001", type: "events_api", accepts_response_payload: false, retry_attempt: 0, retry_reason: "", payload: directMessage("what does a Learning Architect do?") }));
    const [post] = await fake.waitFor("chat.postMessage");
    await running.settled();
    expect(acks.map((a) => a.envelope_id)).toContain("env-0001");
    expect(post!.args.channel).toBe("D0ALICE01");
    expect(seenText(post!.args)).toContain(role.missions[0]!.text.en);
  });

  it("acknowledges a slash command envelope and answers on its response_url", async () => {
    const before = fake.calls.length;
    const command = { ...fixture("slash-command"), text: "help", response_url: fake.responseUrl("socket-command") };
    socket!.send(JSON.stringify({ envelope_id: "env-0002", type: "slash_commands", accepts_response_payload: true, payload: command }));
    const [answer] = await fake.waitFor("response_url", 1, before);
    expect(acks.map((a) => a.envelope_id)).toContain("env-0002");
    expect(answer!.args.response_type).toBe("ephemeral");
  });

  it("drops an interaction of an unexpected shape before any listener, having no door to refuse it at", async () => {
    const before = fake.calls.length;
    const payload = { ...fixture("block-actions"), user: { id: "U0SOCKET9", name: "someone" } };
    payload.actions[0].value = 42;
    socket!.send(JSON.stringify({ envelope_id: "env-0003", type: "interactive", accepts_response_payload: false, payload }));
    for (let i = 0; i < 500 && !logs.text.includes("slack payload of an unexpected shape dropped"); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logs.text).toContain("slack payload of an unexpected shape dropped");
    await running.settled();
    expect(fake.calls.slice(before)).toEqual([]);
  });
});
