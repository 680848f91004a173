/**
 * Durable delayed work: survey reminders and closes, scheduled announcements, deliveries. A job
 * has an id that is its idempotency key: scheduling the same id twice keeps the first. Each job
 * runs once across every process sharing the queue, and survives restarts: BullMQ when Redis is
 * configured, a table of the database otherwise. The same contract suite runs both.
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

export type JobHandler = (job: Job) => Promise<void>;

export interface JobQueue {
  /** True when scheduled, false when a job with this id exists already (pending, running or done). */
  schedule(job: JobRequest): Promise<boolean>;
  /** Removes a job that has not started; true when one was removed. */
  cancel(id: string): Promise<boolean>;
  /**
   * Starts running jobs with these handlers. A handler that throws RetryLater runs again after its
   * delay; any other error is retried with backoff up to a bound, then the job is marked failed.
   */
  start(handlers: Record<string, JobHandler>): void;
  /** Jobs waiting (not yet run), for metrics and tests. */
  waiting(): Promise<number>;
  /**
   * Forgets jobs finished (done or failed) longer ago than KEEP_FINISHED_MS, payloads included;
   * until then their ids still refuse a second schedule. Answers how many.
   */
  purgeFinished(): Promise<number>;
  /** Stops taking jobs, lets the running ones finish (bounded), closes connections. */
  close(): Promise<void>;
}

/** How long a finished job is kept: its id refuses a second schedule that long, on every backend. */
export const KEEP_FINISHED_MS = 7 * 24 * 3600_000;

/**
 * What a queue records about a failed run: the error's name and message, shortened. Never the
 * payload, which may hold personal data; a handler should not put it in its error messages either.
 */
export function describeFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_FAILURE_LENGTH ? `${text.slice(0, MAX_FAILURE_LENGTH - 1)}…` : text;
}

const MAX_FAILURE_LENGTH = 500;

/** Waits for these to settle, or for `ms`, whichever comes first: close() must not hang on a stuck handler. */
export async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([Promise.allSettled(promises), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
