import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import type { AdapterStarter } from "../../../adapters/adapter.js";
import { startSlack } from "../../../adapters/slack/start-slack.js";
import { ConversationReferences } from "../../../adapters/teams/conversation-references.js";
import { startTeams, teamsOutboundOnly } from "../../../adapters/teams/start-teams.js";
import { startTeamsServer } from "../../../adapters/teams/teams-server.js";
import { HttpService } from "../../../src/service/http-service.js";
import { reply } from "../../../src/answers/reply.js";
import { startPlatforms } from "../../../bin/start-platforms.js";
import { ConfigError, loadConfig } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logging/logger.js";
import { Capture, testParcours } from "../../helpers.js";
import { FakeBotConnector } from "./fake-bot-connector.js";
import { fixture } from "./teams-harness.js";

const parcours = () => testParcours();
const entries = (logs: Capture) => logs.chunks.map((line) => JSON.parse(line));

/** This machine's first address that is not loopback, if it has one. */
const networkAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === "IPv4" && !entry.internal)?.address;

describe("parcours start with Teams configured", () => {
  it("starts the Teams adapter from its starter, serves /api/messages on the shared server, and stops", async () => {
    const logs = new Capture();
    const config = loadConfig({ TEAMS_ENABLED: "true", PORT: "0", LOG_LEVEL: "info" });
    const core = await parcours();
    const http = new HttpService(createLogger("silent", logs));
    const port = await http.listen(0, "127.0.0.1");
    const running = await startPlatforms(["teams"], core, config, createLogger("info", logs), http);

    expect(running.map((adapter) => adapter.name)).toEqual(["teams"]);
    // The core can now reach Teams users on its own.
    expect(core.outbound.platforms()).toEqual(["teams"]);
    expect(Object.getPrototypeOf(core.outbound.of("teams"))).toBe(running[0]!.outbound);
    const listening = entries(logs).find((entry) => entry.msg === "teams adapter listening");
    expect(listening).toEqual(expect.objectContaining({ path: "/api/messages", authenticated: false, port }));
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", body: "not json" });
    expect(response.status).toBe(400);

    await Promise.all(running.map((adapter) => adapter.stop()));
    await http.close();
    await expect(fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", body: "{}" })).rejects.toThrow();
  });

  it("listens on loopback only when it runs on a server of its own without an app id", async () => {
    const config = loadConfig({ TEAMS_ENABLED: "true", PORT: "0" });
    const teams = await startTeamsServer({ parcours: await parcours(), config, logger: createLogger("silent", new Capture()) });
    try {
      expect((await fetch(`http://127.0.0.1:${teams.port}/api/messages`, { method: "POST", body: "not json" })).status).toBe(400);
      const elsewhere = networkAddress();
      if (elsewhere) await expect(fetch(`http://${elsewhere}:${teams.port}/api/messages`, { method: "POST", body: "{}" })).rejects.toThrow();
    } finally {
      await teams.stop();
    }
  });

  it("reports the failed start's own error when an adapter already started also fails to stop", async () => {
    const logs = new Capture();
    // Teams starts; Slack, without its token, does not; stopping Teams then fails as well.
    const config = loadConfig({ TEAMS_ENABLED: "true", PORT: "0", PARCOURS_ADAPTERS: "teams,slack" });
    const teamsFailingToStop: AdapterStarter = async (...args) => {
      const running = await startTeams(...args);
      return { name: running.name, stop: () => running.stop().then(() => Promise.reject(new Error("teams did not stop"))) };
    };
    const starters = { teams: async () => teamsFailingToStop, slack: async () => startSlack };

    const starting = startPlatforms(["teams", "slack"], await parcours(), config, createLogger("info", logs), new HttpService(createLogger("silent", logs)), starters);

    await expect(starting).rejects.toThrow(ConfigError);
    await expect(starting).rejects.toThrow(/SLACK_BOT_TOKEN/);
    expect(entries(logs).find((entry) => entry.msg === "adapter did not stop cleanly")).toEqual(expect.objectContaining({ adapter: "teams", level: 50 }));
  });

  it("takes a registration as single-tenant unless told otherwise, and then names the tenant it needs", async () => {
    const credentials = { MICROSOFT_APP_ID: "00000000-0000-4000-8000-000000000001", MICROSOFT_APP_PASSWORD: "not-a-real-secret", PORT: "0" };
    expect(loadConfig(credentials).MICROSOFT_APP_TYPE).toBe("SingleTenant");
    const http = new HttpService(createLogger("silent", new Capture()));
    const starting = startTeams(await parcours(), loadConfig(credentials), createLogger("silent", new Capture()), http);
    await expect(starting).rejects.toThrow(ConfigError);
    await expect(starting).rejects.toThrow(/MICROSOFT_APP_TENANT_ID is required with MICROSOFT_APP_TYPE=SingleTenant \(the default.*MICROSOFT_APP_TYPE=MultiTenant/);
    const multi = await startTeams(await parcours(), loadConfig({ ...credentials, MICROSOFT_APP_TYPE: "MultiTenant" }), createLogger("silent", new Capture()), http);
    await multi.stop();
  });

  it("gives the core's port alone for a command that serves nothing: it posts in the conversations a running server recorded", async () => {
    const logs = new Capture();
    const connector = new FakeBotConnector();
    await connector.start();
    const core = await parcours();
    try {
      const install = { ...fixture("conversation-update-install"), serviceUrl: connector.url };
      await new ConversationReferences(core).remember(install);

      const port = await teamsOutboundOnly(core, loadConfig({ TEAMS_ENABLED: "true", TEAMS_MESSAGES_PER_SECOND: "30" }), createLogger("info", logs));
      await port.post({ platform: "teams", conversationId: install.conversation.id }, reply([{ type: "text", text: "The bootcamp has 5 seats left" }]));

      expect(port.fanOut?.pace).toEqual({ perSecond: 30, perConversationPerSecond: 7 });
      expect(await port.fanOut?.everyone()).toEqual([{ userId: install.from.aadObjectId, locale: "fr" }]);
      expect(connector.messages(install.conversation.id)).toHaveLength(1);
      expect(entries(logs).map((entry) => entry.msg)).not.toContain("teams adapter listening");
    } finally {
      await connector.stop();
      await core.close();
    }
  });
});
