import { randomUUID } from "node:crypto";
import { DelayedError, Queue, Worker, type Job as BullJob } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "../logging/logger.js";
import { describeFailure, KEEP_FINISHED_MS, RetryLater, settleWithin, type Job, type JobHandler, type JobQueue, type JobRequest } from "./job-queue.js";

export interface BullmqJobQueueOptions {
  url: string;
  queueName?: string;
  /** Redis key prefix, so that several deployments (or test runs) can share one Redis. */
  prefix?: string;
  concurrency?: number;
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
 * a job whose worker died (its lock lapsed) is moved back to wait by the stalled-job check. So each job
 * runs once across every process sharing the queue, as the database queue's leases do.
 */
export class BullmqJobQueue implements JobQueue {
  private readonly queue: Queue<StoredJob>;
  private readonly connections: Redis[] = [];
  private worker: Worker<StoredJob> | undefined;
  private readonly running = new Set<{ job: BullJob<StoredJob>; token: string | undefined }>();
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly closeWaitMs: number;
  private readonly logger: Logger | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: BullmqJobQueueOptions) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? 5_000;
    this.closeWaitMs = options.closeWaitMs ?? 10_000;
    this.logger = options.logger;
    this.queue = new Queue<StoredJob>(this.queueName, { connection: this.connect({}), ...this.prefix });
    this.queue.on("error", (error) => this.logger?.error({ err: error }, "job queue error"));
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

  async cancel(id: string): Promise<boolean> {
    const job = await this.queue.getJob(bullmqJobId(id));
    if (!job || !PENDING_STATES.has(await job.getState())) return false;
    try {
      await job.remove();
      return true;
    } catch {
      // Taken by a worker since: BullMQ refuses to remove a locked job.
      return false;
    }
  }

  start(handlers: Record<string, JobHandler>): void {
    if (this.closing) throw new Error("job queue closed");
    if (this.worker) throw new Error("job queue already started");
    this.worker = new Worker<StoredJob>(this.queueName, (job, token) => this.process(handlers, job, token), {
      // BullMQ's blocking commands must wait as long as they need rather than fail after retries.
      connection: this.connect({ maxRetriesPerRequest: null }),
      concurrency: this.options.concurrency ?? 4,
      ...this.prefix,
    });
    this.worker.on("error", (error) => this.logger?.error({ err: error }, "job worker error"));
  }

  waiting(): Promise<number> {
    return this.queue.count();
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
      await Promise.all([...this.running].map(({ job, token }) => job.moveToWait(token).catch((error: unknown) => this.logger?.error({ err: error, job: job.data.id }, "could not hand a job back at close"))));
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
      this.logger?.warn({ job: job.data.id, attempt: job.attemptsMade + 1, error: describeFailure(error) }, "job failed");
      throw error;
    } finally {
      this.running.delete(entry);
    }
  }

  private connect(options: { maxRetriesPerRequest?: null }): Redis {
    const connection = new Redis(this.options.url, options);
    this.connections.push(connection);
    return connection;
  }

  private get queueName(): string {
    return this.options.queueName ?? "parcours";
  }

  private get prefix(): { prefix?: string } {
    return this.options.prefix ? { prefix: this.options.prefix } : {};
  }
}

const PENDING_STATES = new Set(["waiting", "delayed", "prioritized", "paused", "waiting-children"]);

/**
 * BullMQ refuses custom ids that contain `:` (it separates Redis key parts) or read as integers (its
 * own ids are integers), and ours are `survey-close:<id>`. Escaping `%` and `:` as URIs do keeps
 * distinct ids distinct; an integer id gets a `%N` mark that escaping never produces.
 */
export function bullmqJobId(id: string): string {
  const escaped = id.replace(/%/g, "%25").replace(/:/g, "%3A");
  return /^-?\d+$/.test(escaped) ? `%N${escaped}` : escaped;
}
