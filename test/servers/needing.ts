/**
 * `describe` and `it` for tests that need Redis or PostgreSQL: skipped when one of those did not
 * answer at the start of the run (outside CI), each marked with the servers it missed, which
 * test/servers/report-skipped.ts counts in the run's closing lines.
 */
import { describe, inject, it } from "vitest";
import { getCurrentSuite } from "vitest/suite";
import type { Server } from "./servers.js";

/** The servers that did not answer at the start of the run, with why. */
export type ServersDown = Partial<Record<Server, string>>;

declare module "vitest" {
  interface ProvidedContext {
    serversDown: ServersDown;
  }
  interface TaskMeta {
    /** The servers a skipped test or suite needed and that did not answer, with why. */
    serversMissing?: ServersDown;
  }
}

/** Those of `servers` that did not answer, with why; undefined when all did. */
function missing(servers: readonly Server[]): ServersDown | undefined {
  // Undefined when the run had no global setup (another config): everything is taken to answer.
  const down = inject("serversDown") ?? {};
  const absent = servers.filter((server) => down[server] !== undefined);
  return absent.length > 0 ? Object.fromEntries(absent.map((server) => [server, down[server]])) : undefined;
}

/** A `describe` whose every test needs `servers`. */
export function describeNeeding(servers: readonly Server[], name: string, factory: () => void): void {
  const absent = missing(servers);
  describe.skipIf(absent !== undefined)(name, () => {
    const suite = getCurrentSuite().suite;
    if (suite && absent) suite.meta.serversMissing = absent;
    factory();
  });
}

/** An `it` that needs `servers`. */
export function itNeeding(servers: readonly Server[], name: string, fn: () => Promise<void>, timeout?: number): void {
  const absent = missing(servers);
  it.skipIf(absent !== undefined)(name, fn, timeout);
  const test = getCurrentSuite().tasks.at(-1);
  if (test && absent && test.type === "test") test.meta.serversMissing = absent;
}
