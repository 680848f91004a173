import { reply, type Block, type Reply } from "../answers/reply.js";
import type { Locale } from "../catalog/schema.js";
import { bodyFor, type Announcement } from "./announcement.js";
import { announcementMessages } from "./announcement-messages.js";

/** The action of an announcement's engagement button; its value is `{ "announcement": id }`. */
export const ENGAGE_ACTION = "announcements.engage";

/**
 * What a recipient sees, in their language when the author wrote it: the same reply is the
 * author's preview, so the preview is exactly what goes out.
 */
export function announcementMessage(announcement: Pick<Announcement, "id" | "content">, locale: Locale): Reply {
  const { content } = announcement;
  const body = bodyFor(content, locale);
  const m = announcementMessages(body.locale);
  const blocks: Block[] = [{ type: "header", text: content.title }, { type: "text", text: body.text }];
  if (content.imageUrl) blocks.push({ type: "image", url: content.imageUrl, alt: content.title });
  if (content.link) blocks.push({ type: "link", label: content.link.label ?? content.link.url, url: content.link.url });
  if (content.engagement !== "none") {
    blocks.push({ type: "buttons", buttons: [{ label: m.engagement.button[content.engagement], actionId: ENGAGE_ACTION, value: JSON.stringify({ announcement: announcement.id }), style: "primary" }] });
  }
  return reply(blocks);
}
