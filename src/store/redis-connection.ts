import type { RedisOptions } from "ioredis";

/**
 * How long one command may wait for Redis. Parcours sends short scripts and reads that Redis
 * answers in well under a millisecond, so only a Redis that cannot be reached, or has stopped
 * answering, comes near it; a person waiting for an answer then gets the error sentence instead.
 */
export const COMMAND_TIMEOUT_MS = 2_000;

/**
 * How long a connection may stay silent while replies are due before it is taken for dead. Longer
 * than COMMAND_TIMEOUT_MS, so that a Redis merely slow for a moment fails a command or two, not the
 * connection every other command shares. ioredis (5.x) leaves this timer armed when its connection
 * closes otherwise, and the timer then closes whichever connection is current: when a connection is
 * lost while replies are due and Redis is back within this time, the new connection is closed and
 * opened again once, failing what was in flight on it.
 */
export const SOCKET_TIMEOUT_MS = 5_000;

/**
 * ioredis options for a connection whose commands someone is waiting on (the state store, the job
 * queue's scheduling side): while Redis is unreachable each command fails within
 * COMMAND_TIMEOUT_MS, and the client reconnects by itself once Redis is back. The options are those
 * of ioredis 5 (built/redis/RedisOptions.d.ts; README, "Auto-reconnect" and "Offline Queue").
 * retryStrategy stays ioredis's own: a reconnection for ever, min(attempt × 50 ms, 2 s) apart, so
 * that answers resume without a restart.
 */
export const BOUNDED_REDIS_OPTIONS = {
  // The one bound that holds on every path: ioredis arms it as the command is sent, whether it then
  // waits in the offline queue, goes to a connection that no longer answers, or was in flight when
  // the connection dropped. Those last ioredis sets aside once it opens another connection, out of
  // reach of maxRetriesPerRequest's flush: without this timer they would wait for Redis's return.
  commandTimeout: COMMAND_TIMEOUT_MS,
  // Commands sent before the first connection is ready (the start checks Redis at once) or during a
  // reconnection wait for it instead of failing at once; commandTimeout bounds that wait.
  enableOfflineQueue: true,
  // While Redis refuses connections, ioredis fails the waiting commands at every third closed
  // connection, the first time about 150 ms into the outage (reconnections 50 and 100 ms apart):
  // sooner than commandTimeout. With its default, 20, that first time comes after some ten seconds.
  maxRetriesPerRequest: 2,
  // A command whose reply was lost with its connection may have run: sent again, a delivery's own
  // claim would read as a duplicate (and the user get no answer) and an increment would count
  // twice. ioredis drops it instead, and commandTimeout fails it, so that its caller says so.
  autoResendUnfulfilledCommands: false,
  // A connection left open but silent (a frozen Redis, a host gone without a reset, a proxy that
  // lost its backend) is dropped, and another opened, once no byte came for this long while replies
  // were due; TCP would take some fifteen minutes to give up. An idle connection is left alone.
  socketTimeout: SOCKET_TIMEOUT_MS,
  // A connection attempt that gets no answer at all (packets dropped) is given up after this and
  // tried again; ioredis's 10 s would delay the return by as much. A TLS handshake to a managed
  // Redis takes a small part of it.
  connectTimeout: 3_000,
} as const satisfies RedisOptions;
