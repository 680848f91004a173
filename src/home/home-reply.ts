import { reply, type Reply } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { homeMessages } from "./home-messages.js";

export interface HomeRequest {
  locale: Locale;
  /** Where the home screen is shown, for how to ask there ("slack": its Messages tab and slash command). */
  platform: string;
  /** The user's latest self-assessment result, when there is one. */
  latestAssessment?: Reply;
}

/**
 * A platform's home screen (Slack's App Home tab) as a neutral reply: what Parcours does, how to
 * ask, and quick actions whose buttons are the core's own (help, the role list, a self-assessment,
 * each role), so a press goes the usual way. The user's latest self-assessment result comes right
 * below the quick actions: a home screen is seen by its user only, and a platform that must cut a
 * long one cuts from the end.
 */
export function homeReply(catalog: RoleCatalog, { locale, platform, latestAssessment }: HomeRequest): Reply {
  const m = messages(locale);
  const home = homeMessages(locale);
  return reply([
    { type: "header", text: home.title },
    { type: "text", text: home.tagline },
    { type: "section", title: home.howTo.title, text: home.howTo.text(platform) },
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
