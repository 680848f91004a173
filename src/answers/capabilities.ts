/**
 * What Parcours can do, in the order `help` lists it. The platforms' own command lists (the Slack
 * manifest's slash command, the Teams manifest's commands) name the same things: a test holds
 * them to this list, so a capability added here and forgotten there fails.
 */
export const CAPABILITIES = ["roles", "assessment", "results", "data", "surveys", "announcements"] as const;
export type Capability = (typeof CAPABILITIES)[number];
