import type { ServerResponse } from "node:http";
import { describeError } from "../logging/describe-error.js";
import type { Logger } from "../logging/logger.js";
import type { ParcoursMetrics } from "../metrics/parcours-metrics.js";
import { TIMED_OUT, within } from "../time/within.js";
import type { HttpService } from "./http-service.js";

/** One thing a process needs to answer; `check` throws (or takes too long) when it is not there. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** A store that does not answer within this is as good as down, for a load balancer deciding where to send. */
export const CHECK_TIMEOUT_MS = 2000;

export interface HealthOptions {
  checks: readonly ReadinessCheck[];
  metrics: ParcoursMetrics;
  logger: Logger;
  /** True once the process is stopping: not ready, so the load balancer sends elsewhere. */
  stopping: () => boolean;
}

type Outcome = "ok" | "failed" | "timeout";

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(`${JSON.stringify(body)}\n`);

/**
 * `/healthz`: the process is alive (its event loop turns). `/readyz`: it can answer: every check
 * passes within CHECK_TIMEOUT_MS and it is not stopping. The answer names each check with ok,
 * failed or timeout, never the cause (hosts, users), which goes to the log when readiness changes.
 * `/metrics`: Prometheus' text format.
 */
export function serveHealth(http: HttpService, options: HealthOptions): void {
  const { checks, metrics, stopping } = options;
  const log = options.logger.child({ component: "health" });
  const readOnly = { methods: ["GET", "HEAD"], maxBodyBytes: 0 } as const;
  let wasReady: boolean | undefined;

  http.route("/healthz", { ...readOnly, handle: (_req, res) => void json(res, 200, { status: "alive" }) });

  http.route("/readyz", {
    ...readOnly,
    async handle(_req, res) {
      const causes: Record<string, Record<string, unknown>> = {};
      const outcomes = await Promise.all(
        checks.map(async ({ name, check }): Promise<[string, Outcome]> => {
          try {
            return [name, (await within(check(), CHECK_TIMEOUT_MS)) === TIMED_OUT ? "timeout" : "ok"];
          } catch (error) {
            causes[name] = describeError(error);
            return [name, "failed"];
          }
        }),
      );
      const ready = !stopping() && outcomes.every(([, outcome]) => outcome === "ok");
      if (ready !== wasReady) {
        if (ready) log.info("ready");
        else log.warn({ checks: Object.fromEntries(outcomes), causes, stopping: stopping() }, "not ready");
        wasReady = ready;
      }
      json(res, ready ? 200 : 503, { status: ready ? "ready" : stopping() ? "stopping" : "not ready", checks: Object.fromEntries(outcomes) });
    },
  });

  http.route("/metrics", {
    ...readOnly,
    async handle(_req, res) {
      const { contentType, text } = await metrics.exposition();
      res.writeHead(200, { "content-type": contentType }).end(text);
    },
  });
}
