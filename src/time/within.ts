/** What `within` answers when the time ran out before the work settled. */
export const TIMED_OUT: unique symbol = Symbol("timed out");
export type TimedOut = typeof TIMED_OUT;

/**
 * Races `work` against `ms`: its value (or its rejection) when it settles first, TIMED_OUT when the
 * time runs out first. The timer is cleared either way, so none is left to hold the process open.
 * The work itself is not cancelled: it may still finish later, unobserved.
 */
export function within<T>(work: Promise<T>, ms: number): Promise<T | TimedOut> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TimedOut>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
