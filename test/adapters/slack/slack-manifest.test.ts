import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMMAND } from "../../../adapters/slack/listeners/command.js";
import { EVENTS_PATH } from "../../../adapters/slack/start-slack.js";
import { packageRoot } from "../../../src/config/package-root.js";

type Json = Record<string, any>;
const manifest = parse(readFileSync(join(packageRoot(), "manifest", "slack", "manifest.yaml"), "utf8")) as Json;

describe("the Slack app manifest", () => {
  it("subscribes to the events the adapter listens to", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(["app_home_opened", "app_mention", "message.im"]);
  });

  it("asks for the smallest set of bot scopes the features need", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      "app_mentions:read",
      "channels:history",
      "channels:read",
      "chat:write",
      "commands",
      "files:write",
      "groups:history",
      "groups:read",
      "im:history",
      "im:write",
      "usergroups:read",
      "users:read",
    ]);
  });

  it("declares the slash command, interactivity and events on the adapter's one path", () => {
    const [command, ...more] = manifest.features.slash_commands as Json[];
    expect(more).toEqual([]);
    expect(command!.command).toBe(COMMAND);
    expect(command!.should_escape).toBe(false);
    for (const url of [command!.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url]) {
      expect(new URL(url).pathname).toBe(EVENTS_PATH);
    }
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("has a bot user, the Home tab and a writable Messages tab", () => {
    expect(manifest.features.bot_user.display_name).toBe("Parcours");
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });
});
