import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Updateable } from "kysely";
import type { Logger } from "../logging/logger.js";
import type { Database } from "../records/database.js";
import type { JobTable, Tables } from "../records/tables.js";
import { describeFailure, KEEP_FINISHED_MS, RetryLater, settleWithin, summarizeFailure, type Job, type JobBacklog, type JobHandler, type JobQueue, type JobRequest } from "./job-queue.js";

export interface DatabaseJobQueueOptions {
  /** How often an idle worker looks for due jobs; a schedule made in this process wakes it sooner. */
  pollMs?: number;
  /** How long a taken job stays this worker's without renewal: after it, another worker takes it back. */
  leaseMs?: number;
  /** Runs that end in an error (or in a dead process) before the job is marked failed. */
  maxAttempts?: number;
  /** Wait before the first retry after an error; doubled for each further one. */
  backoffMs?: number;
  concurrency?: number;
  /** How long close() waits for running handlers before handing their jobs back. */
  closeWaitMs?: number;
  /** The clock of run times, leases and purges, in milliseconds: tests move it on rather than wait. */
  now?: () => number;
  logger?: Logger;
}

type JobRow = Selectable<JobTable>;

/** What a worker holds while it runs a job: `attempts` as it was when taken is the fencing token. */
interface Lease {
  id: string;
  attempts: number;
  /**
   * Set when close() gave the job back: the next worker to take it holds the same `attempts` value, so
   * this worker's handler, should it finish later, must not settle the job in that worker's place.
   */
  handedBack: boolean;
}

interface Run {
  lease: Lease;
  /** Extends the lease while the handler runs, so that a long job is not taken back from a live worker. */
  renewal: NodeJS.Timeout;
  finished: Promise<void>;
}

/**
 * The job queue on the `jobs` table, for deployments without Redis. Every step that must hold across
 * processes is one conditional statement, so the database decides who holds a job:
 *
 * - taking: one UPDATE of the earliest row running with a lapsed lease, else one of the earliest
 *   waiting and due row, that sets it running and adds one to `attempts`. PostgreSQL locks the row in the sub-select and
 *   skips rows other workers hold (FOR UPDATE SKIP LOCKED); SQLite runs one writer at a time, and the
 *   outer WHERE repeats the condition, so two workers can never both take a row.
 * - settling (done, retry, failed, lease renewal, hand-back): an UPDATE that applies only while the
 *   row is still running with the `attempts` value this worker took it with. A worker whose lease
 *   lapsed and was taken over finds the row at a higher value and changes nothing; its handler has run
 *   all the same, alongside the new holder's: the queue is at least once there (see JobQueue).
 *
 * RetryLater and a hand-back at close give the attempt back (attempts - 1): they are not failures.
 * The fencing stays sound: a running row's `attempts` never decreases over time, and a value repeats
 * only after its holder gave the job back itself, never while a worker that lost it still runs.
 */
export class DatabaseJobQueue implements JobQueue {
  private readonly db: Kysely<Tables>;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly concurrency: number;
  private readonly closeWaitMs: number;
  private readonly now: () => number;
  private readonly logger: Logger | undefined;
  private handlers: Record<string, JobHandler> | undefined;
  private readonly runs = new Set<Run>();
  private stopped = false;
  private closing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private filling: Promise<void> | undefined;
  private fillAgain = false;

  constructor(
    private readonly database: Database,
    options: DatabaseJobQueueOptions = {},
  ) {
    this.db = database.db;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? 5_000;
    this.concurrency = options.concurrency ?? 4;
    this.closeWaitMs = options.closeWaitMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
  }

  async schedule(request: JobRequest): Promise<boolean> {
    const now = this.now();
    const runAt = request.runAt?.getTime() ?? now;
    const inserted = await this.db
      .insertInto("jobs")
      .values({ id: request.id, name: request.name, payload: JSON.stringify(request.payload), run_at: runAt, state: "waiting", attempts: 0, locked_until: null, last_error: null, updated_at: now })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) this.wakeAt(runAt);
    return inserted !== undefined;
  }

  async cancel(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("jobs").where("id", "=", id).where("state", "=", "waiting").executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  start(handlers: Record<string, JobHandler>): void {
    if (this.stopped) throw new Error("job queue closed");
    if (this.handlers) throw new Error("job queue already started");
    this.handlers = handlers;
    this.wakeAt(this.now());
  }

  async waiting(): Promise<number> {
    const row = await this.db.selectFrom("jobs").select((eb) => eb.fn.countAll().as("count")).where("state", "=", "waiting").executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async backlog(): Promise<JobBacklog> {
    const now = this.now();
    const row = await this.db
      .selectFrom("jobs")
      .select((eb) => [eb.fn.countAll().as("count"), eb.fn.min("run_at").as("oldest")])
      .where("state", "=", "waiting")
      .where("run_at", "<=", now)
      .executeTakeFirstOrThrow();
    return { waiting: Number(row.count), oldestWaitingMs: row.oldest === null ? undefined : now - Number(row.oldest) };
  }

  async purgeFinished(): Promise<number> {
    const purged = await this.db
      .deleteFrom("jobs")
      .where("state", "in", ["done", "failed"])
      .where("updated_at", "<", this.now() - KEEP_FINISHED_MS)
      .executeTakeFirst();
    return Number(purged.numDeletedRows);
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.filling;
    await settleWithin([...this.runs].map((run) => run.finished), this.closeWaitMs);
    // A handler may still finish later, and run() then leaves the job to whoever took it since.
    await Promise.all([...this.runs].map((run) => this.handBack(run)));
  }

  private async handBack(run: Run): Promise<void> {
    run.lease.handedBack = true;
    clearInterval(run.renewal);
    try {
      await this.whileHeld(run.lease, { state: "waiting", locked_until: null, attempts: run.lease.attempts - 1 });
    } catch (error) {
      this.logger?.error({ err: summarizeFailure(error), job: run.lease.id }, "could not hand a job back at close");
    }
  }

  /** Runs the pump at `at` unless it is already due sooner. */
  private wakeAt(at: number): void {
    if (!this.handlers || this.stopped || this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, at - this.now()));
    this.timer.unref();
  }

  private pump(): void {
    if (this.stopped) return;
    if (this.filling) {
      this.fillAgain = true;
      return;
    }
    this.filling = this.fill().finally(() => {
      this.filling = undefined;
      if (this.fillAgain) {
        this.fillAgain = false;
        this.pump();
      }
    });
  }

  private async fill(): Promise<void> {
    try {
      while (!this.stopped && this.runs.size < this.concurrency) {
        const row = await this.take();
        if (!row) break;
        this.launch(row);
      }
    } catch (error) {
      this.logger?.error({ err: summarizeFailure(error) }, "could not take due jobs");
    }
    this.wakeAt(this.now() + this.pollMs);
  }

  /**
   * A job whose lease lapsed first (its worker died: few rows, found through the index's running
   * prefix), else the earliest due waiting one (a range of the index, read up to its first row). Two
   * statements rather than one with an OR: the OR made every take sort all due jobs, so a fan-out of
   * ten thousand took ever longer per job.
   */
  private async take(): Promise<JobRow | undefined> {
    const now = this.now();
    const lapsed = (eb: ExpressionBuilder<Tables, "jobs">) => eb.and([eb("state", "=", "running"), eb("locked_until", "<", now)]);
    const due = (eb: ExpressionBuilder<Tables, "jobs">) => eb.and([eb("state", "=", "waiting"), eb("run_at", "<=", now)]);
    return (await this.takeFirst(lapsed, now)) ?? (await this.takeFirst(due, now));
  }

  private takeFirst(condition: (eb: ExpressionBuilder<Tables, "jobs">) => ReturnType<ExpressionBuilder<Tables, "jobs">["and"]>, now: number): Promise<JobRow | undefined> {
    let earliest = this.db.selectFrom("jobs").select("id").where(condition).orderBy("run_at").limit(1);
    if (this.database.kind === "postgres") earliest = earliest.forUpdate().skipLocked();
    return this.db
      .updateTable("jobs")
      .set({ state: "running", locked_until: now + this.leaseMs, attempts: sql<number>`attempts + 1`, updated_at: now })
      .where("id", "=", earliest)
      .where(condition)
      .returningAll()
      .executeTakeFirst();
  }

  private launch(row: JobRow): void {
    const lease: Lease = { id: row.id, attempts: Number(row.attempts), handedBack: false };
    const renewal = setInterval(() => void this.renew(lease), this.leaseMs / 3);
    renewal.unref();
    const run: Run = {
      lease,
      renewal,
      finished: this.run(row, lease).finally(() => {
        clearInterval(renewal);
        this.runs.delete(run);
        this.pump();
      }),
    };
    this.runs.add(run);
  }

  private async run(row: JobRow, lease: Lease): Promise<void> {
    const outcome = lease.attempts > this.maxAttempts ? this.abandoned() : await this.outcomeOf(row, lease);
    if (lease.handedBack) {
      this.logger?.warn({ job: lease.id, name: row.name }, "job handler finished after close handed its job back; its outcome is not recorded");
      return;
    }
    try {
      if (!(await this.whileHeld(lease, outcome))) this.logger?.warn({ job: lease.id, name: row.name }, "job lease lapsed before it was settled; another worker holds it");
    } catch (error) {
      // The lease will lapse and another worker will run the job again.
      this.logger?.error({ err: summarizeFailure(error), job: lease.id, name: row.name }, "could not record a job's outcome");
    }
  }

  private async outcomeOf(row: JobRow, lease: Lease): Promise<Updateable<JobTable>> {
    try {
      const handler = this.handlers?.[row.name];
      if (!handler) throw new Error(`no handler for job "${row.name}"`);
      await handler(toJob(row));
      return { state: "done", locked_until: null };
    } catch (error) {
      return this.afterError(error, lease);
    }
  }

  private afterError(error: unknown, lease: Lease): Updateable<JobTable> {
    const lastError = describeFailure(error);
    const now = this.now();
    if (error instanceof RetryLater) return { state: "waiting", run_at: now + error.delayMs, attempts: lease.attempts - 1, locked_until: null, last_error: lastError };
    this.logger?.warn({ job: lease.id, attempt: lease.attempts, err: summarizeFailure(error) }, "job failed");
    if (lease.attempts >= this.maxAttempts) return { state: "failed", locked_until: null, last_error: lastError };
    return { state: "waiting", run_at: now + this.backoffMs * 2 ** (lease.attempts - 1), locked_until: null, last_error: lastError };
  }

  /** Taken again after its last allowed attempt: every worker that held it stopped without settling it. */
  private abandoned(): Updateable<JobTable> {
    return { state: "failed", locked_until: null, last_error: "its worker stopped while running it, on every attempt" };
  }

  private async renew(lease: Lease): Promise<void> {
    try {
      if (!(await this.whileHeld(lease, { locked_until: this.now() + this.leaseMs }))) this.logger?.warn({ job: lease.id }, "job lease lapsed while running; another worker may run it too");
    } catch (error) {
      this.logger?.warn({ err: summarizeFailure(error), job: lease.id }, "could not renew a job lease");
    }
  }

  /** Applies `changes` only while this worker still holds the job; answers whether it did. */
  private async whileHeld(lease: Lease, changes: Updateable<JobTable>): Promise<boolean> {
    const result = await this.db
      .updateTable("jobs")
      .set({ ...changes, updated_at: this.now() })
      .where("id", "=", lease.id)
      .where("state", "=", "running")
      .where("attempts", "=", lease.attempts)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toJob(row: JobRow): Job {
  return { id: row.id, name: row.name, payload: JSON.parse(row.payload) as Record<string, unknown>, runAt: new Date(Number(row.run_at)), attempt: Number(row.attempts) };
}
