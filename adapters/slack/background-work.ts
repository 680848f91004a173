import type { Logger } from "../../src/logging/logger.js";

/**
 * The answers running after their acknowledgement. Slack has had its 200 by then, so a failure
 * can only be logged; stopping waits for them so no answer is cut off halfway.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Runs `work`, never rejects: a failure is logged with its Slack error code, not its payload. */
  track(surface: string, work: () => Promise<void>): Promise<void> {
    const running = work().catch((error: unknown) => this.logger.warn({ surface, err: describeError(error) }, "slack answer failed"));
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
    return running;
  }

  /** Resolves once everything started so far (and anything it started) has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  get size(): number {
    return this.pending.size;
  }
}

/** Web API and HTTP errors carry the request (the answer's text) in their properties: log only what identifies the failure. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & { code?: string; data?: { error?: string }; status?: number; response?: { status?: number } };
  return { name: e.name, code: e.code, slackError: e.data?.error, status: e.status ?? e.response?.status, message: e.data?.error ? undefined : e.message };
}
