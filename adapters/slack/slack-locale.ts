import type { webApi } from "@slack/bolt";
import type { Locale } from "../../src/catalog/schema.js";
import type { Logger } from "../../src/logging/logger.js";
import { userStateKey } from "../../src/privacy/user-erasure.js";
import type { StateStore } from "../../src/store/state-store.js";
import { describeError } from "../../src/logging/describe-error.js";
import { toLocale } from "../shared/locale.js";
import { PLATFORM, unfenced, type ErasureFence } from "./slack-deps.js";

/** People rarely change their Slack language; a day keeps users.info off the hot path. */
const LOCALE_TTL_MS = 24 * 3600_000;
/** A failed lookup (missing users:read scope, Slack down) is retried later, not on every message. */
const FAILURE_TTL_MS = 3600_000;

const RECENT_TTL_MS = 5 * 60_000;
const RECENT_MAX = 10_000;

/** What users.info tells of a person that Parcours uses: their language, and their time zone for dates they say. */
interface SlackProfile {
  locale: Locale | null;
  timeZone?: string;
}

/** Under the user's own state key, so that "delete my data" finds it with everything else about them. */
const localeKey = (userId: string) => userStateKey({ platform: PLATFORM, userId }, "locale");

/**
 * The user's Slack locale and time zone (users.info with include_locale), cached in the store so
 * every process shares them. Undefined when unknown: the core then goes by the language of the
 * text, and reads dates in UTC.
 * https://docs.slack.dev/reference/methods/users.info
 */
export class SlackLocales {
  private readonly inFlight = new Map<string, Promise<SlackProfile>>();
  private readonly recent = new Map<string, { profile: SlackProfile; until: number }>();

  constructor(
    private readonly store: StateStore,
    private readonly logger: Logger,
    private readonly fence: ErasureFence = unfenced,
  ) {}

  async of(client: webApi.WebClient, userId: string): Promise<Locale | undefined> {
    return (await this.profile(client, userId)).locale ?? undefined;
  }

  /** The language and the time zone at once: where dates the user types must be read (survey deadlines). */
  async languageAndZoneOf(client: webApi.WebClient, userId: string): Promise<{ locale?: Locale; timeZone?: string }> {
    const { locale, timeZone } = await this.profile(client, userId);
    return { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) };
  }

  /** "Delete my data": the cached profile, in the store and in this process. */
  async forget(userId: string): Promise<void> {
    this.recent.delete(userId);
    await this.store.delete(localeKey(userId));
  }

  private async profile(client: webApi.WebClient, userId: string): Promise<SlackProfile> {
    const remembered = this.recent.get(userId);
    if (remembered && remembered.until > Date.now()) return remembered.profile;
    try {
      return await this.sharedProfile(client, userId);
    } catch (error) {
      // The cache and the erasure fence are in the state store. When it fails, the message goes on
      // to the core without a language, and the core, which needs the store too, says it failed.
      this.logger.warn({ err: describeError(error) }, "slack locale unavailable");
      return { locale: null };
    }
  }

  private async sharedProfile(client: webApi.WebClient, userId: string): Promise<SlackProfile> {
    const key = localeKey(userId);
    const cached = await this.store.get<SlackProfile>(key);
    if (cached) return this.remember(userId, cached);
    // Concurrent messages from one user share one users.info call.
    let lookup = this.inFlight.get(userId);
    if (!lookup) {
      lookup = this.fence(userId, () => this.lookUp(client, userId, key)).finally(() => this.inFlight.delete(userId));
      this.inFlight.set(userId, lookup);
    }
    return lookup;
  }

  /** A few minutes in memory spare the store a read on every message of a conversation. */
  private remember(userId: string, profile: SlackProfile): SlackProfile {
    if (this.recent.size >= RECENT_MAX) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(userId, { profile, until: Date.now() + RECENT_TTL_MS });
    return profile;
  }

  private async lookUp(client: webApi.WebClient, userId: string, key: string): Promise<SlackProfile> {
    try {
      const result = await client.users.info({ user: userId, include_locale: true });
      const tz = result.user?.tz;
      const profile: SlackProfile = { locale: toLocale(result.user?.locale) ?? null, ...(typeof tz === "string" && tz ? { timeZone: tz } : {}) };
      await this.store.set<SlackProfile>(key, profile, LOCALE_TTL_MS);
      return this.remember(userId, profile);
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, "slack locale lookup failed");
      await this.store.set<SlackProfile>(key, { locale: null }, FAILURE_TTL_MS);
      return { locale: null };
    }
  }
}
