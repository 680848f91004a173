import { ConfigError, type AdapterName, type Config } from "../src/config/config.js";

/** What each platform needs before it can start, named so a missing variable is obvious. */
const REQUIRED: Record<AdapterName, (config: Config) => string[]> = {
  slack: (c) => [!c.SLACK_BOT_TOKEN && "SLACK_BOT_TOKEN", !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN && "SLACK_SIGNING_SECRET"].filter((v): v is string => Boolean(v)),
  teams: (c) => (c.MICROSOFT_APP_ID || c.TEAMS_ENABLED ? [] : ["MICROSOFT_APP_ID (or TEAMS_ENABLED=true for a local emulator)"]),
  console: () => [],
};

/**
 * PARCOURS_ADAPTERS chooses explicitly; otherwise every platform with credentials runs, and the
 * console chat is the default only when no platform is configured.
 */
export function chooseAdapters(config: Config): AdapterName[] {
  if (config.PARCOURS_ADAPTERS) {
    for (const name of config.PARCOURS_ADAPTERS) {
      const missing = REQUIRED[name](config);
      if (missing.length > 0) throw new ConfigError(`PARCOURS_ADAPTERS names ${name}, which needs ${missing.join(" and ")}`);
    }
    return [...new Set(config.PARCOURS_ADAPTERS)];
  }
  const configured: AdapterName[] = [];
  if (config.SLACK_BOT_TOKEN || config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN) {
    const missing = REQUIRED.slack(config);
    if (missing.length > 0) throw new ConfigError(`Slack is partly configured: set ${missing.join(" and ")}`);
    configured.push("slack");
  }
  if (config.MICROSOFT_APP_ID || config.TEAMS_ENABLED) configured.push("teams");
  return configured.length > 0 ? configured : ["console"];
}
