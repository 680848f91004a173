/**
 * A reporter beside vitest's own: after its summary, one line for each server whose tests were
 * skipped because it did not answer, with how many, why and what to do about it.
 */
import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from "vitest/node";
import type { ServersDown } from "./needing.js";
import { shown, TEST_SERVERS, type Server } from "./servers.js";

/** What the test and the suites around it were marked as missing. */
function serversMissing(test: TestCase): ServersDown {
  const missing: ServersDown = { ...test.meta().serversMissing };
  for (let parent: TestSuite | TestModule = test.parent; parent.type === "suite"; parent = parent.parent) Object.assign(missing, parent.meta().serversMissing);
  return missing;
}

export default class ReportSkipped implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const skipped = new Map<Server, { count: number; why: string }>();
    for (const module of testModules) {
      for (const test of module.children.allTests("skipped")) {
        for (const [server, why] of Object.entries(serversMissing(test)) as [Server, string][]) {
          skipped.set(server, { count: (skipped.get(server)?.count ?? 0) + 1, why });
        }
      }
    }
    if (skipped.size === 0) return;
    // Vitest 3's own reporter prints its summary at the same moment, synchronously: these lines come after it, last.
    await new Promise((resolve) => setImmediate(resolve));
    for (const [server, { count, why }] of skipped) {
      const { name, url, variable } = TEST_SERVERS[server];
      const tests = count === 1 ? "1 test needs" : `${count} tests need`;
      const line = `SKIPPED: ${tests} ${name} at ${shown(url)}, which did not answer (${why}): start it, or set ${variable} to one that does; with CI=true they run, and fail.`;
      if (this.vitest) this.vitest.logger.log(line);
      else console.log(line);
    }
  }
}
