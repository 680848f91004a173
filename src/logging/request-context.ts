import { randomUUID } from "node:crypto";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The request a piece of work serves, carried by Node's async context from the HTTP request to
 * the platform calls its answer makes (after the acknowledgement too), so that every log line of
 * one request can be found with one id without passing it through every signature.
 */
const requests = new AsyncLocalStorage<string>();

/** An id a load balancer or proxy already gave the request is kept when it looks like one; anything else is replaced. */
const FORWARDED_ID = /^[\w.:-]{8,64}$/;

export function requestIdFrom(forwarded: string | undefined): string {
  return forwarded && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
}

export function withRequestId<T>(id: string, work: () => T): T {
  return requests.run(id, work);
}

export function currentRequestId(): string | undefined {
  return requests.getStore();
}
