import { within } from "../time/within.js";

/**
 * Durable delayed work: survey reminders and closes, scheduled announcements, deliveries. A job
 * has an id that is its idempotency key: scheduling the same id twice keeps the first. Jobs survive
 * restarts: BullMQ when Redis is configured, a table of the database otherwise. The same contract
 * suite runs both. Jobs run at least once, not exactly once: see JobQueue.
 */
export interface JobRequest {
  /** The idempotency key, e.g. `survey-close:<surveyId>`. */
  id: string;
  /** Which handler runs it. */
  name: string;
  payload: Record<string, unknown>;
  /** Not before this time; now when absent. */
  runAt?: Date;
}

export interface Job extends Required<Omit<JobRequest, "runAt">> {
  runAt: Date;
  /** 1 on the first run. */
  attempt: number;
}

/** What a handler may answer instead of completing: run it again later, or give up. */
export class RetryLater extends Error {
  constructor(readonly delayMs: number, reason: string) {
    super(reason);
    this.name = "RetryLater";
  }
}

/**
 * Runs one job. It must be idempotent, because a queue may run a job more than once (see JobQueue):
 * key its effects by the job id, e.g. a delivery recorded under `job.id` before the message leaves, or
 * a state change applied only if not applied yet, so that a second run finds the work done.
 */
export type JobHandler = (job: Job) => Promise<void>;

/**
 * At least once, not exactly once. The store gives a job to one worker at a time across every process
 * sharing the queue, and a job normally runs once. It runs again, possibly while the first run is still
 * going, at the edges:
 * - a database lease that lapsed while its worker was paused or cut off from the database;
 * - a BullMQ job declared stalled because its worker did not renew its lock in time;
 * - a handler still running when close() stopped waiting for it and handed its job back.
 * So every handler must be idempotent (see JobHandler).
 */
export interface JobQueue {
  /** True when scheduled, false when a job with this id exists already (pending, running or done). */
  schedule(job: JobRequest): Promise<boolean>;
  /**
   * Removes a job that is waiting (for its time, or for a retry), in one step with checking that it is:
   * a job running or finished is left as it is, and its id still refuses a second schedule. True when
   * one was removed.
   */
  cancel(id: string): Promise<boolean>;
  /**
   * Starts running jobs with these handlers. A handler that throws RetryLater runs again after its
   * delay; any other error is retried with backoff up to a bound, then the job is marked failed.
   */
  start(handlers: Record<string, JobHandler>): void;
  /** Jobs waiting (not yet run), for metrics and tests. */
  waiting(): Promise<number>;
  /** Jobs due and not yet taken, and how long the oldest has been due: a queue falling behind, for /metrics. */
  backlog(): Promise<JobBacklog>;
  /**
   * Forgets jobs finished (done or failed) longer ago than KEEP_FINISHED_MS, payloads included;
   * until then their ids still refuse a second schedule. Answers how many.
   */
  purgeFinished(): Promise<number>;
  /**
   * Stops taking jobs, lets the running ones finish within a bound, hands back those still running
   * (another process runs them again, while these may still finish here), closes connections.
   */
  close(): Promise<void>;
}

export interface JobBacklog {
  waiting: number;
  /** Undefined when none is due. */
  oldestWaitingMs: number | undefined;
}

/** How long a finished job is kept: its id refuses a second schedule that long, on every backend. */
export const KEEP_FINISHED_MS = 7 * 24 * 3600_000;

/**
 * What a queue records about a failed run: the error's name and message, shortened. Never the
 * payload, which may hold personal data; a handler should not put it in its error messages either.
 */
export function describeFailure(error: unknown): string {
  return shorten(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

const MAX_FAILURE_LENGTH = 500;

/** What a queue logs about an error, of a handler or of its store. */
export interface FailureSummary {
  name?: string;
  /** e.g. a PostgreSQL SQLSTATE or a Node system error code. */
  code?: string;
  message: string;
}

/**
 * Only what identifies the failure. Never the error object itself: a pg DatabaseError's `detail` and
 * `where` can quote row data (a job's payload among it), and a logger serialises every field it finds.
 */
export function summarizeFailure(error: unknown): FailureSummary {
  if (!(error instanceof Error)) return { message: shorten(String(error)) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, ...(typeof code === "string" ? { code } : {}), message: shorten(error.message) };
}

function shorten(text: string): string {
  return text.length > MAX_FAILURE_LENGTH ? `${text.slice(0, MAX_FAILURE_LENGTH - 1)}…` : text;
}

/** Waits for these to settle, or for `ms`, whichever comes first: close() must not hang on a stuck handler. */
export async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  await within(Promise.allSettled(promises), ms);
}
