import { randomUUID } from "node:crypto";
import { DelayedError, Queue, Worker, type Job as BullJob } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../logging/logger.js";
import { BOUNDED_REDIS_OPTIONS } from "../store/redis-connection.js";
import { KEEP_FINISHED_MS, RetryLater, settleWithin, summarizeFailure, type Job, type JobBacklog, type JobHandler, type JobQueue, type JobRequest } from "./job-queue.js";

export interface BullmqJobQueueOptions {
  url: string;
  /** "jobs" unless given: the keys are then `<prefix>:jobs:…`. */
  queueName?: string;
  /** Redis key prefix (REDIS_PREFIX), so that several deployments (or test runs) can share one Redis. */
  prefix?: string;
  concurrency?: number;
  /**
   * How long a job stays its worker's after the worker stopped renewing it (it died): BullMQ's lock
   * duration, the analogue of the database queue's lease. 60 s unless given.
   */
  leaseMs?: number;
  /** Runs that end in an error before the job is marked failed. */
  maxAttempts?: number;
  /** Wait before the first retry after an error; doubled for each further one. */
  backoffMs?: number;
  /** How long close() waits for running handlers before handing their jobs back. */
  closeWaitMs?: number;
  logger?: Logger;
}

/** What is kept in Redis for a job. `scheduledBy` tells which schedule() call created it. */
interface StoredJob {
  id: string;
  runAt: number;
  payload: Record<string, unknown>;
  scheduledBy: string;
}

/**
 * BullMQ keeps a finished job's id only while the job itself is kept, and idempotency lasts only that
 * long: a week covers any retried schedule (a survey's reminders, an announcement sent twice).
 */
const KEEP_FINISHED_S = KEEP_FINISHED_MS / 1000;

/**
 * The job queue on BullMQ, when Redis is configured. BullMQ moves a job to active for one worker in a
 * Lua script, under a lock that worker renews, and completes or fails it only with that lock's token;
 * a job whose worker died (its lock lapsed) is moved back to wait by the stalled-job check. So one
 * worker at a time holds a job, as with the database queue's leases, and delivery is at least once: a
 * worker that is alive but failed to renew its lock in time (an event loop blocked past the lock's
 * duration, a lost connection) has its job declared stalled and run elsewhere while its own run goes
 * on, and a handler that outlives close()'s wait keeps running after its job was handed back.
 * https://docs.bullmq.io/guide/workers/stalled-jobs
 */
export class BullmqJobQueue implements JobQueue {
  private readonly queue: Queue<StoredJob>;
  /** The queue's connection, also used for the scripts of this class. */
  private readonly redis: Redis;
  private readonly connections: Redis[] = [];
  private worker: Worker<StoredJob> | undefined;
  private readonly running = new Set<{ job: BullJob<StoredJob>; token: string | undefined }>();
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly closeWaitMs: number;
  private readonly leaseMs: number;
  private readonly logger: Logger | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: BullmqJobQueueOptions) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? 5_000;
    this.closeWaitMs = options.closeWaitMs ?? 10_000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.logger = options.logger;
    // Scheduling and cancelling answer people (a survey being set up): bounded like the state store.
    this.redis = this.connect(BOUNDED_REDIS_OPTIONS);
    this.queue = new Queue<StoredJob>(this.queueName, { connection: this.redis, ...this.prefix });
    this.queue.on("error", (error) => this.logger?.error({ err: summarizeFailure(error) }, "job queue error"));
  }

  async schedule(request: JobRequest): Promise<boolean> {
    const runAt = request.runAt?.getTime() ?? Date.now();
    const jobId = bullmqJobId(request.id);
    const scheduledBy = randomUUID();
    await this.queue.add(
      request.name,
      { id: request.id, runAt, payload: request.payload, scheduledBy },
      {
        jobId,
        delay: Math.max(0, runAt - Date.now()),
        attempts: this.maxAttempts,
        backoff: { type: "exponential", delay: this.backoffMs },
        removeOnComplete: { age: KEEP_FINISHED_S },
        removeOnFail: { age: KEEP_FINISHED_S },
      },
    );
    // BullMQ ignores an add whose id exists and answers as if it had added it
    // (https://docs.bullmq.io/guide/jobs/job-ids): the stored job says whose add created it. A job
    // removed in between (cancelled) answers false: this call cannot tell it was its own.
    const stored = await this.queue.getJob(jobId);
    return stored?.data.scheduledBy === scheduledBy;
  }

  /**
   * Checking the job's state and removing it in one script: read-then-remove would let a job complete in
   * between and then delete its completed record, which makes its id schedulable again.
   */
  async cancel(id: string): Promise<boolean> {
    const jobId = bullmqJobId(id);
    const keys = [...PENDING_KEYS.map((type) => this.queue.toKey(type)), this.queue.toKey(jobId), this.queue.toKey("events"), this.queue.toKey("meta")];
    return (await this.redis.eval(CANCEL_PENDING, keys.length, ...keys, jobId)) === 1;
  }

  start(handlers: Record<string, JobHandler>): void {
    if (this.closing) throw new Error("job queue closed");
    if (this.worker) throw new Error("job queue already started");
    this.worker = new Worker<StoredJob>(this.queueName, (job, token) => this.process(handlers, job, token), {
      // BullMQ's blocking commands must wait as long as they need rather than fail after retries.
      connection: this.connect({ maxRetriesPerRequest: null }),
      concurrency: this.options.concurrency ?? 4,
      // A worker renews its jobs' locks every half lockDuration while their handlers run. Once a lock
      // has lapsed (its worker died), the stalled-job check, run every stalledInterval, moves the job
      // back to wait for another worker, at its second pass over the job. Both at the lease, as
      // BullMQ's defaults keep them equal: a job is taken again one to three leases after its worker died.
      // https://docs.bullmq.io/guide/workers/stalled-jobs
      lockDuration: this.leaseMs,
      stalledInterval: this.leaseMs,
      ...this.prefix,
    });
    this.worker.on("error", (error) => this.logger?.error({ err: summarizeFailure(error) }, "job worker error"));
  }

  waiting(): Promise<number> {
    return this.queue.count();
  }

  /** BullMQ's wait list holds the due jobs, newest first; the oldest is read from its other end. */
  async backlog(): Promise<JobBacklog> {
    const [waiting, [oldest]] = await Promise.all([this.queue.getWaitingCount(), this.queue.getJobs(["wait"], 0, 0, true)]);
    return { waiting, oldestWaitingMs: oldest ? Date.now() - oldest.data.runAt : undefined };
  }

  /** BullMQ removes finished jobs itself once they are KEEP_FINISHED_MS old (removeOnComplete, removeOnFail). */
  async purgeFinished(): Promise<number> {
    return 0;
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    if (this.worker) {
      // Pausing waits for running handlers and for their outcome to be written to Redis.
      await settleWithin([this.worker.pause()], this.closeWaitMs);
      await Promise.all([...this.running].map(({ job, token }) => job.moveToWait(token).catch((error: unknown) => this.logger?.error({ err: summarizeFailure(error), job: job.data.id }, "could not hand a job back at close"))));
      await this.worker.close(true);
    }
    await this.queue.close();
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  private async process(handlers: Record<string, JobHandler>, job: BullJob<StoredJob>, token: string | undefined): Promise<void> {
    const entry = { job, token };
    this.running.add(entry);
    try {
      const handler = handlers[job.name];
      if (!handler) throw new Error(`no handler for job "${job.name}"`);
      await handler({ id: job.data.id, name: job.name, payload: job.data.payload, runAt: new Date(job.data.runAt), attempt: job.attemptsMade + 1 });
    } catch (error) {
      if (error instanceof RetryLater) {
        // Delayed by the handler's own choice, which BullMQ does not count as an attempt
        // (https://docs.bullmq.io/patterns/process-step-jobs#delaying).
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        throw new DelayedError();
      }
      this.logger?.warn({ job: job.data.id, attempt: job.attemptsMade + 1, err: summarizeFailure(error) }, "job failed");
      throw error;
    } finally {
      this.running.delete(entry);
    }
  }

  private connect(options: RedisOptions): Redis {
    const connection = new Redis(this.options.url, options);
    this.connections.push(connection);
    return connection;
  }

  private get queueName(): string {
    return this.options.queueName ?? "jobs";
  }

  private get prefix(): { prefix?: string } {
    return this.options.prefix ? { prefix: this.options.prefix } : {};
  }
}

/**
 * BullMQ's keys for jobs not yet taken, in the order CANCEL_PENDING reads them. `waiting-children` is
 * left out: this queue adds no flows, and a parent's removal would have to take its children along.
 */
const PENDING_KEYS = ["wait", "paused", "delayed", "prioritized"] as const;

/**
 * Removes a job only while it is pending; BullMQ (5.x) has no conditional remove. The removal is the one
 * BullMQ's removeJob script (commands/removeJob-2.lua in the bullmq package) makes for a job without
 * parent, children or deduplication id, which this queue never creates: out of its state's list or set,
 * its keys deleted, a `removed` event added. The contract tests on BullMQ keep it in step with BullMQ's
 * key layout. An active job is locked and in no pending list, a finished one in no pending list: both
 * are left as they are. KEYS: wait, paused, delayed, prioritized, the job's hash, events, meta.
 * ARGV: the job id. Answers 1 when it removed the job, 0 otherwise.
 */
const CANCEL_PENDING = `
local jobId = ARGV[1]
local jobKey = KEYS[5]
if redis.call("EXISTS", jobKey .. ":lock") == 1 then return 0 end
local prev
if redis.call("LREM", KEYS[1], 1, jobId) == 1 then prev = "wait"
elseif redis.call("LREM", KEYS[2], 1, jobId) == 1 then prev = "paused"
elseif redis.call("ZREM", KEYS[3], jobId) == 1 then prev = "delayed"
elseif redis.call("ZREM", KEYS[4], jobId) == 1 then prev = "prioritized"
else return 0 end
redis.call("DEL", jobKey, jobKey .. ":logs", jobKey .. ":dependencies", jobKey .. ":processed", jobKey .. ":failed", jobKey .. ":unsuccessful")
local maxEvents = redis.call("HGET", KEYS[7], "opts.maxLenEvents") or 10000
redis.call("XADD", KEYS[6], "MAXLEN", "~", maxEvents, "*", "event", "removed", "jobId", jobId, "prev", prev)
return 1
`;

/**
 * BullMQ refuses custom ids that contain `:` (it separates Redis key parts) or read as integers (its
 * own ids are integers), and ours are `survey-close:<id>`. Escaping `%` and `:` as URIs do keeps
 * distinct ids distinct; an integer id gets a `%N` mark that escaping never produces.
 */
export function bullmqJobId(id: string): string {
  const escaped = id.replace(/%/g, "%25").replace(/:/g, "%3A");
  return /^-?\d+$/.test(escaped) ? `%N${escaped}` : escaped;
}
