import type { Config } from "../src/config/config.js";
import type { Logger } from "../src/logging/logger.js";
import type { Parcours } from "../src/parcours.js";
import { serveHealth } from "../src/service/health-routes.js";
import { HttpService } from "../src/service/http-service.js";

/** A PORT someone else holds, said in one line instead of an EADDRINUSE trace. */
export class PortUnavailable extends Error {}

export interface ProcessServer {
  http: HttpService;
  /** Ready from now on (if the stores are): every platform has started. */
  started(): void;
  /** Not ready from now on, no new connections, and the requests in flight answered. */
  stop(): Promise<void>;
}

/**
 * The process's one HTTP server, on PORT: health and metrics from the start (a slow start is
 * alive, not yet ready), then each platform's route as it starts. `loopbackOnly` for a Teams
 * emulator without authentication, which must not be reachable from the network.
 */
export async function serveHttp(parcours: Parcours, config: Config, logger: Logger, loopbackOnly: boolean): Promise<ProcessServer> {
  let stopping = false;
  let started = false;
  const http = new HttpService(logger);
  parcours.metrics.withProcessMetrics();
  const platforms = {
    name: "platforms",
    check: async () => {
      if (!started) throw new Error("still starting");
    },
  };
  serveHealth(http, { checks: [...parcours.readiness, platforms], metrics: parcours.metrics, logger, stopping: () => stopping });
  try {
    const port = await http.listen(config.PORT, loopbackOnly ? "127.0.0.1" : undefined);
    logger.info({ port, loopbackOnly }, "listening: /healthz, /readyz, /metrics and the platforms' routes");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") throw new PortUnavailable(`PORT ${config.PORT} cannot be listened on (${code === "EADDRINUSE" ? "another process holds it" : "not allowed"}): set PORT to a free port`);
    throw error;
  }
  return {
    http,
    started: () => void (started = true),
    async stop() {
      stopping = true;
      await http.close();
    },
  };
}
