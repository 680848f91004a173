import { describe, expect, it } from "vitest";
import { createLogger, setUserRefSalt, userRef } from "../../src/logging/logger.js";
import { Capture } from "../helpers.js";

describe("logs", () => {
  it("redact secrets at the top level, in nested objects and inside HTTP errors", () => {
    const out = new Capture();
    const logger = createLogger("info", out);
    logger.info({ token: "xoxb-top", slack: { signingSecret: "s1" }, headers: { Authorization: "Bearer h" } }, "one");
    logger.error({ err: { message: "boom", config: { headers: { Authorization: "Bearer e", authorization: "Bearer f" } } } }, "two");
    for (const secret of ["xoxb-top", "s1", "Bearer h", "Bearer e", "Bearer f"]) expect(out.text).not.toContain(secret);
    expect(out.text).toContain("[redacted]");
    expect(out.text).toContain("boom");
  });

  it("refer to users by a keyed hash: stable for one key, different for another", () => {
    setUserRefSalt("salt-number-one-0123456789");
    const a = userRef("slack", "U123");
    expect(userRef("slack", "U123")).toBe(a);
    expect(userRef("slack", "U124")).not.toBe(a);
    expect(a).not.toContain("U123");
    setUserRefSalt("salt-number-two-0123456789");
    expect(userRef("slack", "U123")).not.toBe(a);
  });
});
