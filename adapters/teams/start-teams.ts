import type { AdapterStarter } from "../adapter.js";
import { startTeamsServer } from "./teams-server.js";

/** What `parcours start` runs when Teams is configured (MICROSOFT_APP_ID, or TEAMS_ENABLED=true for an emulator). */
export const startTeams: AdapterStarter = async (parcours, config, logger) => {
  const server = await startTeamsServer({ parcours, config, logger });
  return { name: "teams", outbound: server.outbound, stop: () => server.stop() };
};
