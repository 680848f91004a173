import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackOutboundOnly, startSlack } from "../../../adapters/slack/start-slack.js";
import { startPlatforms } from "../../../bin/start-platforms.js";
import { HttpService } from "../../../src/service/http-service.js";
import { ConfigError, loadConfig } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logging/logger.js";
import { Capture, testParcours } from "../../helpers.js";
import { FakeSlackApi } from "./fake-slack-api.js";
import { reply } from "../../../src/answers/reply.js";
import { BOT_TOKEN, directMessage, SIGNING_SECRET } from "./slack-harness.js";
import { postSigned } from "./slack-signature.js";

describe("starting the Slack adapter", () => {
  const fake = new FakeSlackApi(BOT_TOKEN);
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  const parcours = () => testParcours();
  const logger = createLogger("silent", new Capture());

  it("is what `parcours start` runs for slack, and answers on /slack/events, having checked the token once", async () => {
    const since = fake.calls.length;
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: "0", DATABASE_URL: "memory://" });
    const http = new HttpService(logger);
    const port = await http.listen(0, "127.0.0.1");
    const [running, ...others] = await startPlatforms(["slack"], await parcours(), config, logger, http);
    expect(others).toEqual([]);
    expect(running!.name).toBe("slack");
    expect(fake.callsTo("auth.test", since)).toHaveLength(1);
    const body = JSON.stringify(directMessage("list the roles"));
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, { secret: SIGNING_SECRET, body, contentType: "application/json" })).status).toBe(200);
    await fake.waitFor("chat.postMessage", 1, since);
    // Bolt authorises each event with the identity it was handed at start, without asking Slack again.
    expect(fake.callsTo("auth.test", since)).toHaveLength(1);
    await running!.stop();
    await http.close();
  });

  it("checks the bot token with auth.test at start, so a wrong token fails the start", async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-wrong-token", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: "0", DATABASE_URL: "memory://" });
    await expect(startSlack(await parcours(), config, logger, { host: "127.0.0.1" })).rejects.toThrow(new ConfigError("Slack refused SLACK_BOT_TOKEN (invalid_auth): copy it again from the app's settings at api.slack.com/apps, for this workspace"));
  });

  it("refuses to start in HTTP mode without a signing secret", async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl, DATABASE_URL: "memory://" });
    await expect(startSlack(await parcours(), config, logger)).rejects.toBeInstanceOf(ConfigError);
  });

  it("gives the core's port alone, with its fan-out, for a command that posts but serves nothing", async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl, SLACK_MESSAGES_PER_SECOND: "4", DATABASE_URL: "memory://" });
    const port = await slackOutboundOnly(await parcours(), config, logger);
    expect(port.fanOut?.pace).toEqual({ perSecond: 4, perConversationPerSecond: 1 });
    const posted = await port.post({ platform: "slack", conversationId: "U0ALONE01" }, reply([{ type: "text", text: "hello" }]), { deliveryKey: "alone:U0ALONE01" });
    expect(await port.fanOut!.findPosted!({ platform: "slack", conversationId: "U0ALONE01" }, "alone:U0ALONE01")).toEqual(posted);
  });

  it("refuses a wrong token when giving the core's port alone", async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-wrong-token", SLACK_API_URL: fake.apiUrl, DATABASE_URL: "memory://" });
    await expect(slackOutboundOnly(await parcours(), config, logger)).rejects.toThrow(/^Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
  });

  it("stops listening when stopped", async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: "0", DATABASE_URL: "memory://" });
    const running = await startSlack(await parcours(), config, logger, { host: "127.0.0.1" });
    const url = `http://127.0.0.1:${running.port}/slack/events`;
    const body = JSON.stringify(directMessage("list the roles"));
    expect((await postSigned(url, { secret: SIGNING_SECRET, body, contentType: "application/json" })).status).toBe(200);
    await running.stop();
    await expect(postSigned(url, { secret: SIGNING_SECRET, body, contentType: "application/json" })).rejects.toThrow();
  });
});
