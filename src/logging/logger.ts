import { createHash } from "node:crypto";
import pino, { type Logger } from "pino";

export type { Logger };

/**
 * JSON logs on standard error (standard output belongs to the console chat and the CLI).
 * Secrets are redacted by path; message text and raw user ids are never logged at info level:
 * callers log `userRef(id)` instead.
 */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: "parcours" },
      redact: { paths: ["*.token", "*.password", "*.secret", "*.authorization", "headers.authorization", "*.apiKey"], censor: "[redacted]" },
    },
    destination as pino.DestinationStream,
  );
}

/** A stable, non-reversible reference to a user, so logs can be correlated without naming anyone. */
export function userRef(platform: string, userId: string): string {
  return createHash("sha256").update(`${platform}:${userId}`).digest("hex").slice(0, 12);
}
