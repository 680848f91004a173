import type { Logger } from "../../src/logging/logger.js";
import { describeError } from "../../src/logging/describe-error.js";
import { within } from "../../src/time/within.js";

/**
 * How long stopping waits for answers already under way. A Slack or Teams answer takes a few
 * seconds (a language model at most ten), and a process manager's grace period before SIGKILL is
 * usually about thirty.
 */
export const DRAIN_MS = 10_000;

/**
 * The answers running after the platform had its acknowledgement. A failure can then only be
 * logged; stopping waits a bounded time for them, so no answer is cut off halfway and no stop hangs.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Runs `work`, never rejects: a failure is logged by what identifies it, never with its payload. */
  track(surface: string, work: () => Promise<void>): Promise<void> {
    const running = work().catch((error: unknown) => this.logger.warn({ surface, err: describeError(error) }, "answer failed"));
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
    return running;
  }

  /** Resolves once everything started so far (and anything it started) has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Waits for the answers in flight, at most `limitMs`, and logs how many were abandoned. */
  async drain(limitMs: number): Promise<void> {
    await within(this.settled(), limitMs);
    if (this.pending.size > 0) this.logger.warn({ abandoned: this.pending.size, limitMs }, "stopped with answers still in flight");
  }
}
