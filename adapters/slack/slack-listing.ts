import { setTimeout as sleep } from "node:timers/promises";
import { OutboundError } from "../../src/outbound/outbound.js";
import { slackCall } from "./slack-failure.js";

/** Slack advises pages of at most 200 items on its cursor-paged methods. https://docs.slack.dev/apis/web-api/pagination */
export const PAGE_SIZE = 200;

/**
 * A listing of many pages (users.list and conversations.list are Tier 2, about 20 calls a minute)
 * is not started over for a rate limit on one page: that page is asked again after Slack's wait,
 * a few times at most. Started over, a 10,000-person workspace would meet the limit at the same
 * page every time. https://docs.slack.dev/apis/web-api/rate-limits
 */
const PAGE_TRIES = 5;
const LONGEST_PAGE_WAIT_MS = 60_000;

export interface Page<T> {
  items: T[] | undefined;
  /** Slack's next_cursor: empty or absent on the last page. */
  next: string | undefined;
}

/** Every item of a cursor-paged Web API method; `page` makes one call for the given cursor. */
export async function everyPage<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const answered = await pageWaitingOutLimits(() => page(cursor));
    items.push(...(answered.items ?? []));
    cursor = answered.next || undefined;
  } while (cursor);
  return items;
}

async function pageWaitingOutLimits<T>(call: () => Promise<Page<T>>): Promise<Page<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await slackCall(call);
    } catch (error) {
      if (!(error instanceof OutboundError)) throw error;
      const { failure } = error;
      if (failure.reason !== "rate-limited" || failure.retryAfterMs > LONGEST_PAGE_WAIT_MS || attempt >= PAGE_TRIES) throw error;
      await sleep(failure.retryAfterMs);
    }
  }
}

/**
 * A listing kept for `ttlMs` after it was made, so that the steps of one announcement (its audience,
 * then its recipients' languages) share one pass over the workspace. Callers during the pass share
 * it; a failed pass is not kept.
 */
export class KeptListing<T> {
  private kept: { value: Promise<T>; until: number } | undefined;

  constructor(
    private readonly list: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    if (this.kept && this.kept.until > this.now()) return this.kept.value;
    const kept = { value: this.list(), until: Number.POSITIVE_INFINITY };
    this.kept = kept;
    kept.value.then(
      () => (kept.until = this.now() + this.ttlMs),
      () => {
        if (this.kept === kept) this.kept = undefined;
      },
    );
    return kept.value;
  }
}
