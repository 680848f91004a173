import type { AdapterStarter, RunningAdapter } from "../adapters/adapter.js";
import type { AdapterName, Config } from "../src/config/config.js";
import type { Logger } from "../src/logging/logger.js";
import type { Parcours } from "../src/parcours.js";

/** Loaded on demand, so the console chat never loads a platform SDK it does not use. */
const STARTERS: Record<Exclude<AdapterName, "console">, () => Promise<AdapterStarter>> = {
  slack: async () => (await import("../adapters/slack/start-slack.js")).startSlack,
  teams: async () => (await import("../adapters/teams/start-teams.js")).startTeams,
};

/** Starts the platform servers and returns them running; stops those already started if one fails. */
export async function startPlatforms(names: AdapterName[], parcours: Parcours, config: Config, logger: Logger): Promise<RunningAdapter[]> {
  const running: RunningAdapter[] = [];
  try {
    for (const name of names) {
      if (name === "console") continue;
      const start = await STARTERS[name]();
      running.push(await start(parcours, config, logger));
      logger.info({ adapter: name }, "adapter started");
    }
    return running;
  } catch (error) {
    await Promise.all(running.map((adapter) => adapter.stop()));
    throw error;
  }
}
