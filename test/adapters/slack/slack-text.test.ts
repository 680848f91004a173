import { describe, expect, it } from "vitest";
import { decodeActionId, encodeActionId } from "../../../adapters/slack/action-id.js";
import { toLocale } from "../../../adapters/shared/locale.js";
import { readMessageText } from "../../../adapters/slack/slack-text.js";

describe("readMessageText", () => {
  it("removes the bot's mention wherever it is", () => {
    expect(readMessageText("<@U0BOT0001> what is a DLM?", "U0BOT0001")).toBe("what is a DLM?");
    expect(readMessageText("hey <@U0BOT0001|parcours>, what is a DLM?", "U0BOT0001")).toBe("hey , what is a DLM?");
  });

  it("removes a leading mention when the bot's id is unknown", () => {
    expect(readMessageText("<@U0BOT0001> list the roles")).toBe("list the roles");
  });

  it("decodes Slack's escaping, links and channel names", () => {
    expect(readMessageText("L&amp;D roles &lt;3 in <#C0GENERAL|general> see <https://example.org|the site>")).toBe("L&D roles <3 in #general see the site");
  });
});

describe("action ids", () => {
  it("round-trip the reply model's action id through Slack's numbered action_id", () => {
    expect(decodeActionId(encodeActionId("role.skills", 7))).toBe("role.skills");
    expect(encodeActionId("x".repeat(300), 12).length).toBeLessThanOrEqual(255);
  });

  it("pass an action_id Parcours did not make through whole", () => {
    expect(decodeActionId("legacy_button")).toBe("legacy_button");
    expect(decodeActionId("a:b")).toBe("a:b");
  });
});

describe("toLocale", () => {
  it("maps Slack locales to the ones Parcours speaks", () => {
    expect(toLocale("fr-FR")).toBe("fr");
    expect(toLocale("fr-CA")).toBe("fr");
    expect(toLocale("en-GB")).toBe("en");
    expect(toLocale("de-DE")).toBeUndefined();
    expect(toLocale("frr")).toBeUndefined();
    expect(toLocale("fr_CA")).toBe("fr");
    expect(toLocale(undefined)).toBeUndefined();
  });
});
