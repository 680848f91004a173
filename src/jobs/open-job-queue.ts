import type { Logger } from "../logging/logger.js";
import type { Database } from "../records/database.js";
import type { RedisSettings } from "../store/open-state.js";
import { BullmqJobQueue } from "./bullmq-queue.js";
import { DatabaseJobQueue } from "./database-queue.js";
import type { JobQueue } from "./job-queue.js";

export interface JobQueueOptions {
  /** BullMQ on this Redis, its keys under `<prefix>:jobs:`; the database's `jobs` table without it. */
  redis?: RedisSettings | undefined;
  /** JOB_LEASE_SECONDS: how long a job taken by a process that died stays its own. */
  leaseMs?: number;
  /** JOB_CONCURRENCY: jobs this process runs at once. */
  concurrency?: number;
  logger?: Logger;
}

/**
 * BullMQ when REDIS_URL is set, the `jobs` table of the database otherwise. The database stays
 * its owner's: closing the queue leaves it open for the records that share it.
 */
export function openJobQueue(database: Database, { redis, ...tuning }: JobQueueOptions = {}): JobQueue {
  if (redis) return new BullmqJobQueue({ url: redis.url, prefix: redis.prefix, ...tuning });
  return new DatabaseJobQueue(database, tuning);
}
