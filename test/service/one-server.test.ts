import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { serveHttp, type ProcessServer } from "../../bin/serve-http.js";
import { loadConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logging/logger.js";
import { Capture, testParcours } from "../helpers.js";

/**
 * The process's one server, in process: health, readiness, metrics and the request id, on a core
 * whose stores are real (in-memory SQLite) and whose failures are real ones (a closed database).
 */
const servers: ProcessServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serving() {
  const parcours = await testParcours();
  const logs = new Capture();
  const server = await serveHttp(parcours, loadConfig({ PORT: "0" }), createLogger("info", logs), true);
  servers.push(server);
  const origin = `http://127.0.0.1:${server.http.port}`;
  return { parcours, logs, server, origin };
}

const lines = (logs: Capture) => logs.chunks.map((line) => JSON.parse(line) as Record<string, unknown>);

/** A request that declares a body it never sends: answered only if refused before reading. */
function declaringBody(url: string, method: string, length: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { "content-length": String(length) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", reject);
    req.write(Buffer.alloc(1024, "a"));
  });
}

describe("the one server", () => {
  it("is alive, ready with every check named, and exposes metrics in Prometheus' format", async () => {
    const { parcours, origin, server } = await serving();
    await parcours.bot.handleMessage({ platform: "slack", userId: "U1", conversationId: "D1", text: "what does a Learning Architect do?" });
    await parcours.bot.handleMessage({ platform: "slack", userId: "U1", conversationId: "D1", text: "zzkj qwpx" });

    expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: "alive" });
    // Alive but not ready while the platforms start.
    const starting = await fetch(`${origin}/readyz`);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: "not ready", checks: { database: "ok", state: "ok", jobs: "ok", catalogue: "ok", platforms: "failed" } });
    server.started();
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", state: "ok", jobs: "ok", catalogue: "ok", platforms: "ok" } });

    const metrics = await fetch(`${origin}/metrics`);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/^parcours_messages_total\{platform="slack",intent="role\.describe"\} 1$/m);
    expect(text).toMatch(/^parcours_unknown_questions_total\{platform="slack"\} 1$/m);
    expect(text).toMatch(/^parcours_answer_duration_seconds_count\{platform="slack"\} 2$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    // Labels are platforms and intents, never a person.
    expect(text).not.toMatch(/U1|D1/);
  });

  it("reads flows in progress and the queue's backlog from the stores at each scrape", async () => {
    const { parcours, origin } = await serving();
    await parcours.bot.handleMessage({ platform: "slack", userId: "U7", conversationId: "D7", text: "assess me against learning architect" });
    await parcours.jobs.schedule({ id: "late-job", name: "nobody.runs.this", payload: {}, runAt: new Date(Date.now() - 5 * 60_000) });
    await parcours.jobs.schedule({ id: "future-job", name: "nobody.runs.this", payload: {}, runAt: new Date(Date.now() + 60 * 60_000) });
    const text = await (await fetch(`${origin}/metrics`)).text();
    expect(text).toMatch(/^parcours_flows_active 1$/m);
    expect(text).toMatch(/^parcours_jobs_waiting 1$/m);
    const oldest = Number(/^parcours_jobs_oldest_waiting_seconds (\S+)$/m.exec(text)?.[1]);
    expect(oldest).toBeGreaterThanOrEqual(300);
  });

  it("is not ready while its database is gone, names the check, and logs the cause once", async () => {
    const { parcours, origin, logs, server } = await serving();
    server.started();
    await parcours.database.close();
    for (let i = 0; i < 3; i++) {
      const ready = await fetch(`${origin}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual(expect.objectContaining({ status: "not ready", checks: expect.objectContaining({ database: "failed", catalogue: "ok" }) }));
    }
    const notReady = lines(logs).filter((line) => line.msg === "not ready");
    expect(notReady).toHaveLength(1);
    expect(notReady[0]).toEqual(expect.objectContaining({ causes: expect.objectContaining({ database: expect.objectContaining({ message: expect.any(String) }) }) }));
  });

  it("says it is stopping once stopped, so a load balancer sends elsewhere", async () => {
    const { server, origin } = await serving();
    const stopping = server.stop();
    await stopping;
    await expect(fetch(`${origin}/readyz`)).rejects.toThrow();
  });

  it("refuses unknown paths, wrong methods and bodies where none belongs, before reading anything", async () => {
    const { origin } = await serving();
    expect((await fetch(`${origin}/nowhere`)).status).toBe(404);
    expect((await fetch(`${origin}/healthz`, { method: "POST", body: "x" })).status).toBe(405);
    expect(await declaringBody(`${origin}/metrics`, "GET", 200 * 1024 * 1024)).toBe(413);
    expect(await declaringBody(`${origin}/nowhere`, "POST", 200 * 1024 * 1024)).toBe(404);
  });

  it("gives every request an id, returned in the answer and carried by every log line of its work", async () => {
    const { origin, logs, parcours } = await serving();
    await parcours.database.close();
    const answered = await fetch(`${origin}/readyz`);
    const id = answered.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines(logs).find((line) => line.msg === "not ready")?.requestId).toBe(id);

    const forwarded = await fetch(`${origin}/healthz`, { headers: { "x-request-id": "lb-1234abcd" } });
    expect(forwarded.headers.get("x-request-id")).toBe("lb-1234abcd");
    const odd = await fetch(`${origin}/healthz`, { headers: { "x-request-id": "<script>" } });
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
