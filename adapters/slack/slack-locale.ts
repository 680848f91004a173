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

interface CachedLocale {
  locale: Locale | null;
}

/** Under the user's own state key, so that "delete my data" finds it with everything else about them. */
const localeKey = (userId: string) => userStateKey({ platform: PLATFORM, userId }, "locale");

/**
 * The user's Slack locale (users.info with include_locale), cached in the store so every process
 * shares it. Undefined when unknown: the core then goes by the language of the text.
 * https://docs.slack.dev/reference/methods/users.info
 */
export class SlackLocales {
  private readonly inFlight = new Map<string, Promise<Locale | undefined>>();
  private readonly recent = new Map<string, { locale: Locale | undefined; until: number }>();

  constructor(
    private readonly store: StateStore,
    private readonly logger: Logger,
    private readonly fence: ErasureFence = unfenced,
  ) {}

  async of(client: webApi.WebClient, userId: string): Promise<Locale | undefined> {
    const remembered = this.recent.get(userId);
    if (remembered && remembered.until > Date.now()) return remembered.locale;
    const key = localeKey(userId);
    const cached = await this.store.get<CachedLocale>(key);
    if (cached) return this.remember(userId, cached.locale ?? undefined);
    // Concurrent messages from one user share one users.info call.
    let lookup = this.inFlight.get(userId);
    if (!lookup) {
      lookup = this.fence(userId, () => this.lookUp(client, userId, key)).finally(() => this.inFlight.delete(userId));
      this.inFlight.set(userId, lookup);
    }
    return lookup;
  }

  /** "Delete my data": the cached locale, in the store and in this process. */
  async forget(userId: string): Promise<void> {
    this.recent.delete(userId);
    await this.store.delete(localeKey(userId));
  }

  /** A few minutes in memory spare the store a read on every message of a conversation. */
  private remember(userId: string, locale: Locale | undefined): Locale | undefined {
    if (this.recent.size >= RECENT_MAX) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(userId, { locale, until: Date.now() + RECENT_TTL_MS });
    return locale;
  }

  private async lookUp(client: webApi.WebClient, userId: string, key: string): Promise<Locale | undefined> {
    try {
      const result = await client.users.info({ user: userId, include_locale: true });
      const locale = toLocale(result.user?.locale);
      await this.store.set<CachedLocale>(key, { locale: locale ?? null }, LOCALE_TTL_MS);
      return this.remember(userId, locale);
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, "slack locale lookup failed");
      await this.store.set<CachedLocale>(key, { locale: null }, FAILURE_TTL_MS);
      return undefined;
    }
  }
}
