import { reply, type Reply } from "../../src/answers/reply.js";
import type { RoleCatalog } from "../../src/catalog/role-catalog.js";
import type { Locale } from "../../src/catalog/schema.js";
import { messages } from "../../src/i18n/messages.js";
import { homeMessages } from "./home-messages.js";

/**
 * The App Home tab as a neutral reply: what Parcours does, how to ask, and quick actions whose
 * buttons are the core's own (help, the role list, a self-assessment, each role), so a press goes
 * the usual way. The user's latest self-assessment result comes right below the quick actions:
 * the Home tab is seen by its user only, and what passes 100 blocks is cut from the end.
 */
export function homeReply(catalog: RoleCatalog, locale: Locale, latestAssessment?: Reply): Reply {
  const m = messages(locale);
  const home = homeMessages(locale);
  return reply([
    { type: "header", text: home.title },
    { type: "text", text: home.tagline },
    { type: "section", title: home.howTo.title, text: home.howTo.text },
    { type: "divider" },
    { type: "section", title: home.quickActions, text: m.help.intro },
    {
      type: "buttons",
      buttons: [
        { label: m.buttons.help, actionId: "help", value: "", style: "primary" },
        { label: m.buttons.listRoles, actionId: "role.list", value: "" },
        { label: m.buttons.assess, actionId: "assessment.start", value: "" },
      ],
    },
    ...(latestAssessment ? [{ type: "divider" as const }, ...latestAssessment.blocks, { type: "divider" as const }] : []),
    { type: "text", text: `*${home.roles}*` },
    { type: "buttons", buttons: catalog.roles().map((role) => ({ label: role.names[locale], actionId: "role.describe", value: role.id })) },
  ]);
}
