import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/logging/logger.js";

/** The SDK's debug lines are never asked for: see boltLogger. */
const TO_BOLT: Record<string, LogLevel> = { trace: LogLevel.INFO, debug: LogLevel.INFO, info: LogLevel.INFO, warn: LogLevel.WARN };

/**
 * Bolt and its Web API client log through Parcours' pino logger, so there is one log stream. Their
 * debug lines are dropped at every level: they hold whole Web API requests and answers (people's
 * profiles with names, e-mail addresses and phone numbers, raw ids, the text of private results),
 * which no level of Parcours' log may hold.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "bolt" });
  const line = (parts: unknown[]) => parts.map((p) => (typeof p === "string" ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(" ");
  return {
    debug: () => undefined,
    info: (...parts) => log.info(line(parts)),
    warn: (...parts) => log.warn(line(parts)),
    error: (...parts) => log.error(line(parts)),
    setLevel: () => {},
    getLevel: () => TO_BOLT[log.level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}
