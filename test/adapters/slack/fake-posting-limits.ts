/**
 * chat.postMessage's limits as the fake enforces them: a workspace-wide rate, and about one message
 * a second in each conversation with short bursts allowed. https://docs.slack.dev/apis/web-api/rate-limits#posting-messages
 */
export interface PostingLimits {
  perSecond: number;
  perChannelPerSecond: number;
  /** Messages a quiet channel takes at once before its rate applies. */
  channelBurst: number;
}

/** Tokens that come back at `rate` a second, up to `capacity`. */
class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  /** Seconds until a token is there; 0 when one is. */
  waitAt(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.rate;
  }

  take(): void {
    this.tokens -= 1;
  }
}

/** Whether a post may go now, or how long its sender must wait, as Slack's Retry-After says it. */
export class PostingBuckets {
  /** Posts answered with a 429. */
  refused = 0;
  private readonly workspace: TokenBucket;
  private readonly channels = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: PostingLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.workspace = new TokenBucket(limits.perSecond, limits.perSecond, now());
  }

  /** Takes the post's place in both buckets and answers undefined, or answers Retry-After in whole seconds (at least 1) and takes nothing. */
  retryAfter(channel: string): number | undefined {
    const now = this.now();
    let bucket = this.channels.get(channel);
    if (!bucket) this.channels.set(channel, (bucket = new TokenBucket(this.limits.perChannelPerSecond, this.limits.channelBurst, now)));
    const wait = Math.max(this.workspace.waitAt(now), bucket.waitAt(now));
    if (wait > 0) {
      this.refused++;
      return Math.max(1, Math.ceil(wait));
    }
    this.workspace.take();
    bucket.take();
    return undefined;
  }
}
