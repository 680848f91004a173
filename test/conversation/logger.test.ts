import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.js";
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

  it("refer to users by a keyed hash: stable for one key, different for another, never the id", () => {
    const refs = (salt: string, ...users: string[]) => {
      const out = new Capture();
      const logger = createLogger("info", out, salt);
      for (const userId of users) logger.info({ user: { platform: "slack", userId } }, "seen");
      return out.text.trim().split("\n").map((line) => (JSON.parse(line) as { user: string }).user);
    };
    const [a, again, other] = refs("salt-number-one-0123456789", "U123", "U123", "U124");
    expect(again).toBe(a);
    expect(other).not.toBe(a);
    expect(a).not.toContain("U123");
    expect(refs("salt-number-two-0123456789", "U123")[0]).not.toBe(a);
  });
});
