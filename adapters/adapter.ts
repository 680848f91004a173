import type { Config } from "../src/config/config.js";
import type { Logger } from "../src/logging/logger.js";
import type { OutboundPort } from "../src/outbound/outbound.js";
import type { Parcours } from "../src/parcours.js";
import type { HttpService } from "../src/service/http-service.js";

/** A platform adapter once started: it serves until stopped. */
export interface RunningAdapter {
  name: string;
  /** How the core reaches this platform's users and channels without being spoken to. */
  outbound?: OutboundPort;
  stop(): Promise<void>;
}

/**
 * Each platform adapter exports one of these; `parcours start` runs the configured ones, each
 * adding its routes to the one server (`PORT`) that also answers health and metrics.
 */
export type AdapterStarter = (parcours: Parcours, config: Config, logger: Logger, http: HttpService) => Promise<RunningAdapter>;

/** A platform's outbound port alone, without its server: for commands that post but serve nothing. */
export type OutboundStarter = (parcours: Parcours, config: Config, logger: Logger) => Promise<OutboundPort>;
