import type { JobQueue } from "./jobs/job-queue.js";
import type { Logger } from "./logging/logger.js";
import type { ParcoursMetrics } from "./metrics/parcours-metrics.js";
import type { OutboundPorts } from "./outbound/outbound-ports.js";
import type { Database } from "./records/database.js";
import type { StateStore } from "./store/state-store.js";

/** The seams every capability of the core stands on: records, shared state, platforms, durable jobs. */
export interface CoreServices {
  database: Database;
  state: StateStore;
  outbound: OutboundPorts;
  jobs: JobQueue;
  logger: Logger;
  /** Counters and histograms for /metrics. */
  metrics: ParcoursMetrics;
  /** `platform:userId` of the L&D staff (LND_ADMINS), and `slack:group:<id>` user groups of them. */
  admins: ReadonlySet<string>;
  now: () => Date;
}
