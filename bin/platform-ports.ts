import { ConsoleOutbound } from "../adapters/console/console-outbound.js";
import type { OutboundStarter } from "../adapters/adapter.js";
import type { Reply } from "../src/answers/reply.js";
import type { AdapterName, Config } from "../src/config/config.js";
import type { Logger } from "../src/logging/logger.js";
import type { Parcours } from "../src/parcours.js";

/** Loaded on demand, like the servers: the console never loads a platform SDK. */
const OUTBOUND: Record<Exclude<AdapterName, "console">, () => Promise<OutboundStarter>> = {
  slack: async () => (await import("../adapters/slack/start-slack.js")).slackOutboundOnly,
  teams: async () => (await import("../adapters/teams/start-teams.js")).teamsOutboundOnly,
};

/**
 * The configured platforms' outbound ports without their servers, for a command that posts but
 * serves nothing (`parcours announce`): it can run beside `parcours start` on the same port.
 * The console's port prints to the terminal.
 */
export async function registerPorts(names: AdapterName[], parcours: Parcours, config: Config, logger: Logger, show: (reply: Reply) => void): Promise<void> {
  for (const name of names) {
    parcours.outbound.register(name === "console" ? new ConsoleOutbound("console-user", show) : await (await OUTBOUND[name]())(parcours, config, logger));
  }
}
