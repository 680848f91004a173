import type { AdapterStarter, OutboundStarter } from "../adapter.js";
import { startTeamsServer } from "./teams-server.js";
import { createTeamsPort } from "./teams-port.js";

/** What `parcours start` runs when Teams is configured (MICROSOFT_APP_ID, or TEAMS_ENABLED=true for an emulator). */
export const startTeams: AdapterStarter = async (parcours, config, logger, http) => {
  const server = await startTeamsServer({ parcours, config, logger, http });
  return { name: "teams", outbound: server.outbound, stop: () => server.stop() };
};

/**
 * The core's port alone, without a server: for a command that posts but serves nothing
 * (`parcours announce`), beside a running `parcours start`, from the conversations it recorded.
 */
export const teamsOutboundOnly: OutboundStarter = async (parcours, config, logger) => createTeamsPort({ parcours, config, logger }).outbound;
