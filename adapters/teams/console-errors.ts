import { format } from "node:util";
import type { Logger } from "../../src/logging/logger.js";

/** More console errors than this in a minute are counted, not written. */
const PER_MINUTE = 10;
const MAX_CHARS = 300;

/**
 * botframework-connector's token check writes each token it rejects to console.error: an expired
 * token's whole stack, the signing keys it knows. Any caller, authenticated or not, could flood
 * standard error with multi-line text that no reader of the JSON log can parse. While Teams is
 * served, console.error goes to the log instead: the first line only, shortened, at most ten a
 * minute, and then how many were left out. Answers how to put console.error back.
 */
export function consoleErrorsToLog(logger: Logger, now: () => number = Date.now): () => void {
  const original = console.error;
  const log = logger.child({ component: "console" });
  let minute = Math.floor(now() / 60_000);
  let written = 0;
  let dropped = 0;
  console.error = (...args: unknown[]) => {
    const current = Math.floor(now() / 60_000);
    if (current !== minute) {
      if (dropped > 0) log.warn({ dropped }, "console errors left out in the last minute");
      [minute, written, dropped] = [current, 0, 0];
    }
    if (written >= PER_MINUTE) {
      dropped++;
      return;
    }
    written++;
    const first = (args[0] instanceof Error ? `${args[0].name}: ${args[0].message}` : format(...args)).split("\n")[0]!;
    log.warn(first.length > MAX_CHARS ? `${first.slice(0, MAX_CHARS - 1)}…` : first);
  };
  return () => {
    console.error = original;
  };
}
