import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Slack signs every request with the app's signing secret: `v0=` and the hex HMAC-SHA256 of
 * `v0:{X-Slack-Request-Timestamp}:{raw body}`. A timestamp more than five minutes away from now
 * is refused, so that a captured request cannot be replayed later.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export interface SignatureHeaders {
  timestamp: string | undefined;
  signature: string | undefined;
}

/**
 * Whether the headers can belong to a fresh request, checked before the body is read: a request
 * without a signature, or with a stale timestamp, is refused without reading a byte of its body.
 */
export function freshSignatureHeaders(headers: SignatureHeaders, nowMs: number): headers is { timestamp: string; signature: string } {
  if (!headers.signature || !headers.timestamp || !/^\d{1,12}$/.test(headers.timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(headers.timestamp)) <= SIGNATURE_WINDOW_SECONDS;
}

/** Compares the signature with the expected one in constant time: a byte-by-byte compare would leak how much of a forgery was right. */
export function validSignature(secret: string, headers: { timestamp: string; signature: string }, rawBody: Buffer): boolean {
  const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${headers.timestamp}:`).update(rawBody).digest("hex")}`);
  const given = Buffer.from(headers.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
