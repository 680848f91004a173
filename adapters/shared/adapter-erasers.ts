import type { DataSubject, Eraser, UserErasure } from "../../src/privacy/user-erasure.js";

/** The erasers of every adapter instance started on each core, by the name they are registered under. */
const started = new WeakMap<UserErasure, Map<string, Eraser[]>>();

/**
 * Registers an adapter's eraser for `what`, on a core where the same adapter may already have
 * started (a restart in the same process, two starts in a test): UserErasure takes one eraser per
 * name and throws on a second, so the name is registered once, and its eraser runs the erasers of
 * every start. Each start keeps its own in-process caches, and an erasure must drop all of them,
 * not only the first start's.
 */
export function registerAdapterEraser(erasure: UserErasure, what: string, eraser: Eraser): void {
  let byName = started.get(erasure);
  if (!byName) started.set(erasure, (byName = new Map()));
  const erasers = byName.get(what);
  if (erasers) {
    erasers.push(eraser);
    return;
  }
  const all = [eraser];
  // A name another module registered already is a mistake UserErasure reports, as before.
  erasure.register(what, (subject) => eraseWithEach(all, subject));
  byName.set(what, all);
}

/**
 * One start after the other: what lives in the shared stores (and in the platform) is gone after
 * the first, and the others find nothing left there but their own caches. Every start is tried.
 */
async function eraseWithEach(erasers: readonly Eraser[], subject: DataSubject): Promise<void> {
  const failed: unknown[] = [];
  for (const erase of erasers) {
    try {
      await erase(subject);
    } catch (error) {
      failed.push(error);
    }
  }
  if (failed.length === 1) throw failed[0];
  if (failed.length > 1) throw new AggregateError(failed, "several adapter instances could not erase");
}
