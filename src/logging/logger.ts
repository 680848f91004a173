import { createHmac, randomBytes } from "node:crypto";
import pino, { type Logger } from "pino";
import { currentRequestId } from "./request-context.js";

export type { Logger };

/** Who a log line is about: the logger turns it into a reference, never writes the id. */
export interface LoggedUser {
  platform: string;
  userId: string;
}

/**
 * JSON logs on standard error (standard output belongs to the console chat and the CLI).
 * Secrets are redacted by path; message text is never logged at info level; a `user` field is
 * written as a keyed hash of the platform and user id (USER_REF_SALT), so that lines about one
 * person can be correlated without naming them. Without a salt, each process draws its own key.
 * A line written while serving an HTTP request carries that request's `requestId`.
 */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr, userRefSalt?: string): Logger {
  const key = userRefSalt ?? randomBytes(32);
  return pino(
    {
      level,
      base: { app: "parcours" },
      redact: { paths: SECRET_PATHS, censor: "[redacted]" },
      serializers: { user: (user: LoggedUser) => userRef(key, user) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
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

/** Keyed, so that a reference cannot be reversed by hashing known platform ids. */
function userRef(key: Buffer | string, user: LoggedUser): string {
  if (!user || typeof user.userId !== "string") return "unknown";
  return createHmac("sha256", key).update(`${user.platform}:${user.userId}`).digest("hex").slice(0, 12);
}
