import { expect } from "vitest";
import { OutboundError } from "../../src/outbound/outbound.js";

/** The OutboundError a platform call ended in; the test fails if it succeeded or threw anything else. */
export async function refusalOf(attempt: Promise<unknown>): Promise<OutboundError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}
