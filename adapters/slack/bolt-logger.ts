import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/logging/logger.js";

const TO_BOLT: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

/** Bolt and its Web API client log through Parcours' pino logger, so there is one log stream. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "bolt" });
  const line = (parts: unknown[]) => parts.map((p) => (typeof p === "string" ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(" ");
  return {
    debug: (...parts) => log.debug(line(parts)),
    info: (...parts) => log.info(line(parts)),
    warn: (...parts) => log.warn(line(parts)),
    error: (...parts) => log.error(line(parts)),
    setLevel: () => {},
    getLevel: () => TO_BOLT[log.level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}
