import type { StateStore } from "../store/state-store.js";

/** How long a claimed slot is remembered after its time: long enough for every process's clock to be past it. */
const SLOT_MEMORY_MS = 10_000;

export interface PaceGateOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Keeps every process together under one rate: a platform's limit is the workspace's or tenant's,
 * not each process's. Time is cut into slots of 1/rate seconds, and a message leaves only in a slot
 * it claimed in the state store, where exactly one claimant wins each slot. So no one-second window
 * ever holds more than rate + 1 messages, however many processes send, and the slots of a second
 * are all used when there is enough to send.
 *
 * A platform that answers 429 pauses the whole scope for the wait it asked for (`pause`).
 */
export class PaceGate {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The last slot this process took per scope: the next search starts after it, not at every claimed slot again. */
  private readonly lastTaken = new Map<string, number>();

  constructor(
    private readonly state: StateStore,
    options: PaceGateOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Resolves when the caller may send one message in `scope` at `perSecond`. */
  async pass(scope: string, perSecond: number): Promise<void> {
    const interval = 1000 / perSecond;
    const pausedUntil = (await this.state.get<number>(pauseKey(scope))) ?? 0;
    const from = Math.max(this.now(), pausedUntil);
    let slot = Math.max(Math.ceil(from / interval), (this.lastTaken.get(scope) ?? -Infinity) + 1);
    for (;;) {
      const at = slot * interval;
      if (await this.state.claim(`pace:${scope}:${slot}`, Math.max(0, at - this.now()) + SLOT_MEMORY_MS)) break;
      slot++;
    }
    this.lastTaken.set(scope, slot);
    const wait = slot * interval - this.now();
    if (wait > 0) await this.sleep(wait);
  }

  /** The platform asked to wait: nobody in this scope sends before then (a longer pause already set is kept). */
  async pause(scope: string, ms: number): Promise<void> {
    const until = this.now() + ms;
    for (;;) {
      const current = await this.state.getVersioned<number>(pauseKey(scope));
      if (current && current.value >= until) return;
      // Compare-and-set: a shorter wait asked at the same time never cuts a longer one short.
      if ((await this.state.compareAndSet(pauseKey(scope), current?.version ?? null, until, ms + SLOT_MEMORY_MS)) !== undefined) return;
    }
  }
}

const pauseKey = (scope: string) => `pace:${scope}:paused`;
