import { TIMED_OUT, within } from "../time/within.js";

/** How long a store may take to open or answer at start before the start stops with a message. */
export const STORE_CHECK_MS = 5000;

/**
 * A store named in the configuration cannot be reached or opened. Its message names the variable,
 * the address (without its password) and the cause, for the person who set it: never a trace, a
 * hang, or a bot that seems to work while it forgets everything.
 */
export class StoreUnavailable extends Error {
  constructor(variable: string, url: string, cause: unknown) {
    super(`${variable}: cannot use ${withoutSecret(url)}: ${reasonOf(cause)}`);
    this.name = "StoreUnavailable";
  }
}

/** Runs `open` against a store, within STORE_CHECK_MS; any failure becomes a StoreUnavailable naming `variable`. */
export async function checkedStore<T>(variable: string, url: string, open: () => Promise<T>, timeoutMs = STORE_CHECK_MS): Promise<T> {
  try {
    const opened = await within(open(), timeoutMs);
    if (opened === TIMED_OUT) throw new Error(`no answer within ${timeoutMs / 1000} s`);
    return opened;
  } catch (error) {
    throw new StoreUnavailable(variable, url, error);
  }
}

function withoutSecret(url: string): string {
  return url.replace(/\/\/([^/@:]*):[^/@]*@/, "//$1:***@");
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  // AggregateError (a host with several addresses, all refused) says nothing in its message.
  const message = error.message || (error instanceof AggregateError ? error.errors.map((e: Error) => e.message).join("; ") : "");
  return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
}
