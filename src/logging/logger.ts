import { createHmac, randomBytes } from "node:crypto";
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
      redact: { paths: SECRET_PATHS, censor: "[redacted]" },
    },
    destination as pino.DestinationStream,
  );
}

/** Secrets wherever they usually sit, including inside HTTP errors from the platform SDKs. */
const SECRET_FIELDS = ["token", "password", "secret", "authorization", "Authorization", "apiKey", "api_key", "signingSecret", "clientSecret"];
const SECRET_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...SECRET_FIELDS.map((field) => `*.headers.${field}`),
  ...SECRET_FIELDS.map((field) => `err.config.headers.${field}`),
  ...SECRET_FIELDS.map((field) => `err.request.headers.${field}`),
];

/**
 * Keyed with a secret so that a reference cannot be reversed by hashing known platform ids.
 * USER_REF_SALT makes references match across processes; without it, each process draws its own.
 */
let userRefKey: Buffer | string = randomBytes(32);

export function setUserRefSalt(salt: string | undefined): void {
  if (salt) userRefKey = salt;
}

/** A non-reversible reference to a user, so logs can be correlated without naming anyone. */
export function userRef(platform: string, userId: string): string {
  return createHmac("sha256", userRefKey).update(`${platform}:${userId}`).digest("hex").slice(0, 12);
}
