import type { Logger } from "../logging/logger.js";
import type { Database } from "../records/database.js";
import { BullmqJobQueue } from "./bullmq-queue.js";
import { DatabaseJobQueue } from "./database-queue.js";
import type { JobQueue } from "./job-queue.js";

/**
 * BullMQ when REDIS_URL is set, the `jobs` table of the database otherwise. The database stays
 * its owner's: closing the queue leaves it open for the records that share it.
 */
export function openJobQueue(database: Database, options: { redisUrl?: string; logger?: Logger } = {}): JobQueue {
  const logger = options.logger ? { logger: options.logger } : {};
  if (options.redisUrl) return new BullmqJobQueue({ url: options.redisUrl, ...logger });
  return new DatabaseJobQueue(database, logger);
}
