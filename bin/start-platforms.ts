import type { AdapterStarter, RunningAdapter } from "../adapters/adapter.js";
import { describeError } from "../src/logging/describe-error.js";
import type { AdapterName, Config } from "../src/config/config.js";
import type { Logger } from "../src/logging/logger.js";
import type { Parcours } from "../src/parcours.js";
import type { HttpService } from "../src/service/http-service.js";

/** How to load each platform adapter. */
type Starters = Record<Exclude<AdapterName, "console">, () => Promise<AdapterStarter>>;

/** Loaded on demand, so the console chat never loads a platform SDK it does not use. */
const STARTERS: Starters = {
  slack: async () => {
    const { startSlack } = await import("../adapters/slack/start-slack.js");
    return (parcours, config, logger, http) => startSlack(parcours, config, logger, { http });
  },
  teams: async () => (await import("../adapters/teams/start-teams.js")).startTeams,
};

/**
 * Starts the platform servers and returns them running; stops those already started if one fails,
 * and then throws the start's own error, whatever their stopping does.
 */
export async function startPlatforms(names: AdapterName[], parcours: Parcours, config: Config, logger: Logger, http: HttpService, starters: Starters = STARTERS): Promise<RunningAdapter[]> {
  const running: RunningAdapter[] = [];
  try {
    for (const name of names) {
      if (name === "console") continue;
      const start = await starters[name]();
      const adapter = await start(parcours, config, logger, http);
      running.push(adapter);
      if (adapter.outbound) parcours.outbound.register(adapter.outbound);
      logger.info({ adapter: name }, "adapter started");
    }
    return running;
  } catch (error) {
    await stopPlatforms(running, logger);
    throw error;
  }
}

/** Stops every adapter, each waiting for its answers in flight; one failing to stop does not cut the others short. */
export async function stopPlatforms(running: readonly RunningAdapter[], logger: Logger): Promise<void> {
  const results = await Promise.allSettled(running.map((adapter) => adapter.stop()));
  results.forEach((result, i) => {
    if (result.status === "rejected") logger.error({ adapter: running[i]!.name, err: describeError(result.reason) }, "adapter did not stop cleanly");
  });
}
