import { createHash } from "node:crypto";
import type { StateStore } from "../store/state-store.js";

/** Whose data: a user on one platform. */
export interface DataSubject {
  platform: string;
  userId: string;
}

/**
 * The key of anything the state store keeps about one user. Keeping them under one prefix lets an
 * erasure remove them all, expired ones included, whichever module wrote them; the id is encoded
 * so that one user's prefix can never be the start of another's (Teams ids contain colons).
 */
export const userStateKey = (subject: DataSubject, name: string) => `${userStatePrefix(subject)}${name}`;
export const userStatePrefix = (subject: DataSubject) => `user:${subject.platform}:${encodeURIComponent(subject.userId)}:`;

/** Removes everything one module keeps about a user. Must succeed when there is nothing to remove. */
export type Eraser = (subject: DataSubject) => Promise<void>;

/**
 * An erasure is announced here before it runs. A message whose handling began before the latest
 * erasure erases again once it has written (see `fenced`): longer than any answer takes, short
 * enough that the marker, a hash of the user's id, is soon gone too.
 */
const ERASURE_MARK_TTL_MS = 3600_000;

const markKey = (subject: DataSubject) => `erasure:${createHash("sha256").update(`${subject.platform}:${subject.userId}`).digest("hex").slice(0, 32)}`;

/**
 * "Delete my data" across every module: each one that keeps something about a user registers how
 * to delete it (state, records, platform caches, files), and an erasure runs them all.
 *
 * Deletion wins over a concurrent write, in any process: an erasure first bumps a counter, then
 * deletes; work on the user's behalf reads the counter before it starts and again after it wrote.
 * A write that landed before the deletion is deleted by it; a write that landed after it finds the
 * counter moved, and erases again. No read-then-write is trusted in between.
 */
export class UserErasure {
  private readonly erasers = new Map<string, Eraser>();

  constructor(private readonly state: StateStore) {}

  /** `what` names the data, for the tests that check nothing is left behind and for logs. */
  register(what: string, eraser: Eraser): void {
    if (this.erasers.has(what)) throw new Error(`an eraser for ${what} is registered already`);
    this.erasers.set(what, eraser);
  }

  registered(): string[] {
    return [...this.erasers.keys()];
  }

  /** The counter is odd while an erasure runs and even once it is over. */
  async erase(subject: DataSubject): Promise<void> {
    await this.state.increment(markKey(subject), 1, ERASURE_MARK_TTL_MS);
    try {
      await this.runErasers(subject);
    } finally {
      await this.state.increment(markKey(subject), 1, ERASURE_MARK_TTL_MS);
    }
  }

  /**
   * Runs work that may write about `subject`. If an erasure was running when it began, or began
   * or ended while it ran, what the work wrote may have landed after the erasers: it is erased too.
   */
  async fenced<T>(subject: DataSubject, work: () => Promise<T>): Promise<T> {
    const before = (await this.state.get<number>(markKey(subject))) ?? 0;
    try {
      return await work();
    } finally {
      const after = (await this.state.get<number>(markKey(subject))) ?? 0;
      if (before % 2 === 1 || after !== before) await this.runErasers(subject);
    }
  }

  private async runErasers(subject: DataSubject): Promise<void> {
    const names = [...this.erasers.keys()];
    const results = await Promise.allSettled([...this.erasers.values()].map((erase) => erase(subject)));
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [{ what: names[i], reason: r.reason as unknown }] : []));
    if (failed.length > 0) throw new AggregateError(failed.map((f) => f.reason), `could not erase: ${failed.map((f) => f.what).join(", ")}`);
  }
}
