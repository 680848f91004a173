import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import type { Block, Button } from "./reply.js";

export type ButtonsBlock = Extract<Block, { type: "buttons" }>;
export type FollowUp = "describe" | "missions" | "skills" | "path" | "profile" | "compare" | "assess";

/** Buttons that carry a whole request (intent and roles) so pressing one needs no understanding. */
export function followUpButtons(catalog: RoleCatalog, role: Role, locale: Locale, wanted: readonly FollowUp[]): ButtonsBlock {
  const m = messages(locale).buttons;
  const buttons: Button[] = [];
  for (const kind of wanted) {
    if (kind === "describe") buttons.push({ label: m.describe(role.names[locale]), actionId: "role.describe", value: role.id });
    if (kind === "missions") buttons.push({ label: m.missions, actionId: "role.missions", value: role.id });
    if (kind === "skills") buttons.push({ label: m.skills, actionId: "role.skills", value: role.id });
    if (kind === "path") buttons.push({ label: m.path, actionId: "role.path", value: role.id });
    if (kind === "profile" && role.profile.length > 0) buttons.push({ label: m.profile, actionId: "role.profile", value: role.id });
    if (kind === "compare") {
      const other = role.related.map((id) => catalog.find(id)).find(Boolean);
      if (other) buttons.push({ label: m.compare(other.names[locale]), actionId: "role.compare", value: `${role.id},${other.id}` });
    }
    if (kind === "assess") buttons.push({ label: m.assess, actionId: "assessment.start", value: role.id, style: "primary" });
  }
  return { type: "buttons", buttons };
}
