import type { Capability } from "../src/answers/capabilities.js";
import { userCommand } from "../src/conversation/user-commands.js";
import type { Understanding } from "../src/understanding/understanding.js";

/**
 * How each capability is named in the platforms' command lists, which are written in English (the
 * Slack manifest's slash command, the Teams manifest's commands), and in the English help.
 */
export const CAPABILITY_KEYWORDS: Record<Capability, RegExp> = {
  roles: /\broles?\b/i,
  assessment: /\bassess/i,
  results: /\bresults\b/i,
  data: /\bdelete (?:my|your) data\b/i,
  surveys: /\bsurveys?\b/i,
  announcements: /\bannounce/i,
};

/** Which capability a typed phrase starts, as the bot reads it: a command about the user's own data, else the intent understood. */
export function capabilityOf(understanding: Understanding, text: string): Capability | undefined {
  const command = userCommand(text);
  if (command === "results") return "results";
  if (command === "delete-data") return "data";
  const { intent } = understanding.understand(text);
  if (intent === "assessment.start") return "assessment";
  if (intent === "survey.start") return "surveys";
  if (intent === "announcement.create") return "announcements";
  return intent.startsWith("role.") ? "roles" : undefined;
}
