import { describe, expect, it } from "vitest";
import { startPlatforms } from "../../../bin/start-platforms.js";
import { loadConfig } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logging/logger.js";
import { Capture, testBot } from "../../helpers.js";

describe("parcours start with Teams configured", () => {
  it("starts the Teams adapter from its starter, serves /api/messages, and stops", async () => {
    const { bot, catalog, store } = await testBot();
    const logs = new Capture();
    const config = loadConfig({ TEAMS_ENABLED: "true", TEAMS_PORT: "0", LOG_LEVEL: "info" });
    const running = await startPlatforms(["teams"], { bot, catalog, store, close: () => store.close() }, config, createLogger("info", logs));

    expect(running.map((adapter) => adapter.name)).toEqual(["teams"]);
    const listening = logs.chunks.map((line) => JSON.parse(line)).find((entry) => entry.msg === "teams adapter listening");
    expect(listening).toEqual(expect.objectContaining({ path: "/api/messages", authenticated: false }));
    const response = await fetch(`http://127.0.0.1:${listening.port}/api/messages`, { method: "POST", body: "not json" });
    expect(response.status).toBe(400);

    await Promise.all(running.map((adapter) => adapter.stop()));
    await expect(fetch(`http://127.0.0.1:${listening.port}/api/messages`, { method: "POST", body: "{}" })).rejects.toThrow();
  });
});
