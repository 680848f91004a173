import { z } from "zod";
import { join } from "node:path";
import { LOCALES } from "../catalog/schema.js";
import { packageRoot } from "./package-root.js";


/** Every setting Parcours reads, in one place; the README's table lists the same names. */
export const configSchema = z.object({
  CATALOG_DIR: z.string().min(1).default(() => join(packageRoot(), "catalog")),
  STORE_URL: z.string().min(1).default("sqlite://data/parcours.sqlite"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEFAULT_LOCALE: z.enum(LOCALES).default("en"),
  CONTEXT_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Unset and empty variables both mean "use the default". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}
