import { z } from "zod";
import { join } from "node:path";
import { LOCALES } from "../catalog/schema.js";
import { packageRoot } from "./package-root.js";


export const ADAPTERS = ["slack", "teams", "console"] as const;
export type AdapterName = (typeof ADAPTERS)[number];
const port = z.coerce.number().int().min(0).max(65535);

/** Every setting Parcours reads, in one place; the README's table lists the same names. */
export const configSchema = z.object({
  CATALOG_DIR: z.string().min(1).default(() => join(packageRoot(), "catalog")),
  DATABASE_URL: z.string().min(1).default("sqlite://data/parcours.sqlite"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL").optional(),
  /**
   * Where this deployment's keys begin on a Redis it may share with others (`<prefix>:state:…`,
   * `<prefix>:jobs:…`). Words joined by single colons, without the glob characters (* ? [ ]) that
   * would make the store's SCAN MATCH, or an ACL key pattern, take in another deployment's keys.
   */
  REDIS_PREFIX: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)*$/, "letters, digits, _ . - and single colons between them, e.g. parcours or acme:parcours")
    .default("parcours"),
  /**
   * How long a job taken by a process that then dies stays its own before another process takes it
   * again. A live worker renews it while the handler runs, so it bounds only the wait after a crash.
   * At least 10 s: the database queue renews every third of it, and a shorter lease would lapse
   * during a mere slow query or pause and run the job twice.
   */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  /**
   * Jobs one process runs at once. Past 50 they would only queue for the database's connections
   * (pg's pool holds 10, which conversations share) and for the platforms' posting pace.
   */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  USER_REF_SALT: z.string().min(16, "use at least 16 characters").optional(),
  DEFAULT_LOCALE: z.enum(LOCALES).default("en"),
  CONTEXT_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
  PARCOURS_ADAPTERS: z
    .string()
    .transform((list) => list.split(",").map((name) => name.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ADAPTERS)).min(1, "name at least one of slack, teams, console"))
    .optional(),
  PORT: port.default(3000),
  SLACK_BOT_TOKEN: z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_APP_TOKEN: z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional(),
  SLACK_API_URL: z.url().optional(),
  TEAMS_ENABLED: z.enum(["true", "false"]).transform((v) => v === "true").default(false),
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  /** Microsoft no longer creates multi-tenant bot registrations (since mid-2025): single-tenant is what a new one is. */
  MICROSOFT_APP_TYPE: z.enum(["SingleTenant", "MultiTenant", "UserAssignedMSI"]).default("SingleTenant"),
  LND_ADMINS: z
    .string()
    .transform((list) => list.split(",").map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(?:slack|teams|console):\S+$/, "each entry is platform:userId, e.g. slack:U0123ABC or teams:<Entra object id>")))
    .optional(),
  /** Announcements' pace on Slack across the workspace; chat.postMessage allows about one a second per channel besides. */
  SLACK_MESSAGES_PER_SECOND: z.coerce.number().positive().max(1000).default(10),
  /** Announcements' pace on Teams per tenant (Company Communicator's 50); 7 a second per conversation besides. */
  TEAMS_MESSAGES_PER_SECOND: z.coerce.number().positive().max(1000).default(50),
  ASSESSMENT_IDLE_DAYS: z.coerce.number().positive().max(365).default(7),
  PHRASING: z.enum(["template", "llm"]).default("template"),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).optional(),
  OPENAI_TEMPERATURE: z.coerce.number().min(0).max(2).optional(),
  PHRASING_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(4000),
  PHRASING_CACHE_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(24 * 7),
  AZURE_OPENAI_API_KEY: z.string().min(1).optional(),
  AZURE_OPENAI_ENDPOINT: z.url().optional(),
  AZURE_OPENAI_DEPLOYMENT: z.string().min(1).optional(),
  OPENAI_API_VERSION: z.string().min(1).optional(),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Unset and empty variables both mean "use the default". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Ignoring it would put each process on a SQLite file of its own, silently: say what replaced it.
  if (env.STORE_URL) throw new ConfigError("STORE_URL is no longer read: set DATABASE_URL (sqlite://… or postgres://…) and, for Redis, REDIS_URL (see the README, Upgrading from 0.1)");
  // Ignoring it would leave a Bot Framework registration pointed at a port nobody listens on.
  if (env.TEAMS_PORT) throw new ConfigError("TEAMS_PORT is no longer read: Teams is served on PORT, at /api/messages, beside Slack, health and metrics (see the README, Upgrading from 0.1)");
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}
