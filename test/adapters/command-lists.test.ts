import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CAPABILITIES } from "../../src/answers/capabilities.js";
import { packageRoot } from "../../src/config/package-root.js";
import { RuleBasedUnderstanding } from "../../src/understanding/rule-based-understanding.js";
import { CAPABILITY_KEYWORDS, capabilityOf } from "../capabilities.js";
import { shippedCatalog } from "../helpers.js";

type Json = Record<string, any>;
const manifestFile = (...path: string[]) => readFileSync(join(packageRoot(), "manifest", ...path), "utf8");
const teams = JSON.parse(manifestFile("teams", "manifest.json")) as Json;
const slack = parse(manifestFile("slack", "manifest.yaml")) as Json;

const teamsCommands = (): { title: string; description: string }[] => teams.bots[0].commandLists.flatMap((list: Json) => list.commands);
const slashCommand = (): Json => slack.features.slash_commands[0];

/** Every platform's command list shows what help lists: the same capabilities, none left out. */
describe("the platforms' command lists", async () => {
  const understanding = new RuleBasedUnderstanding(await shippedCatalog());

  it("name every capability in the Teams manifest and in the Slack manifest's slash command", () => {
    const inTeams = teamsCommands().map((c) => `${c.title} — ${c.description}`).join("\n");
    const inSlack = `${slashCommand().description}\n${slashCommand().usage_hint}`;
    for (const capability of CAPABILITIES) {
      expect(inTeams, `Teams: ${capability}`).toMatch(CAPABILITY_KEYWORDS[capability]);
      expect(inSlack, `Slack: ${capability}`).toMatch(CAPABILITY_KEYWORDS[capability]);
    }
  });

  it("offer, on each platform, a phrase Parcours acts on for every capability", () => {
    const fromTeams = new Set(teamsCommands().map((c) => capabilityOf(understanding, c.title)));
    // "[a question on a role] | assess my skills | …": the bracketed part stands for any question.
    const hints = (slashCommand().usage_hint as string).split("|").map((hint) => hint.trim()).filter((hint) => !hint.startsWith("["));
    const fromSlack = new Set(hints.map((hint) => capabilityOf(understanding, hint)));
    for (const capability of CAPABILITIES) {
      expect(fromTeams.has(capability), `Teams: ${capability}`).toBe(true);
      if (capability !== "roles") expect(fromSlack.has(capability), `Slack: ${capability}`).toBe(true);
    }
    expect(hints).toContain("help");
    expect(understanding.understand("help").intent).toBe("help");
  });

  it("stay within the platforms' limits: Teams 10 commands a list, titles of 32 and descriptions of 128 characters; Slack's 2,000 and 1,000", () => {
    for (const list of teams.bots[0].commandLists as Json[]) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) {
        expect(command.title.length, command.title).toBeLessThanOrEqual(32);
        expect(command.description.length, command.title).toBeLessThanOrEqual(128);
      }
    }
    // https://github.com/slackapi/manifest-schema (features.slash_commands)
    expect(slashCommand().description.length).toBeLessThanOrEqual(2000);
    expect(slashCommand().usage_hint.length).toBeLessThanOrEqual(1000);
  });
});
