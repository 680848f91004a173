/**
 * Vitest's global setup: asks Redis and PostgreSQL once, before any test file, whether they answer,
 * and hands the test files the ones that did not (test/servers/needing.ts skips what needs them).
 * On CI every server must answer: none is handed on, so the tests that need one run and fail.
 */
import type { TestProject } from "vitest/node";
import type { ServersDown } from "./needing.js";
import { onCi, shown, TEST_SERVERS, unanswered, type Server } from "./servers.js";

export default async function setup(project: TestProject): Promise<void> {
  const servers = Object.keys(TEST_SERVERS) as Server[];
  const answers = await Promise.all(servers.map(async (server) => [server, await unanswered(server)] as const));
  const down: ServersDown = {};
  for (const [server, why] of answers) {
    if (why === undefined) continue;
    const { name, url } = TEST_SERVERS[server];
    if (onCi()) console.error(`CI: ${name} at ${shown(url)} did not answer (${why}); the tests that need it run anyway, and fail.`);
    else down[server] = why;
  }
  project.provide("serversDown", down);
}
