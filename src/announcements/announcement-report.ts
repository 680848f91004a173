import { reply, type Block, type Reply } from "../answers/reply.js";
import type { Locale } from "../catalog/schema.js";
import { csvCell } from "../records/csv-cell.js";
import type { Announcement } from "./announcement.js";
import { announcementMessages } from "./announcement-messages.js";
import type { Delivery, DeliveryCounts } from "./announcement-records.js";

/** The author's tools on an announcement; each button carries `{ "announcement": id }`. */
export const ANNOUNCEMENT_TOOLS = ["announcements.create", "announcements.confirm", "announcements.cancel", "announcements.csv", "announcements.engage"] as const;
export type AnnouncementTool = (typeof ANNOUNCEMENT_TOOLS)[number];

export const toolButton = (announcement: Pick<Announcement, "id">, actionId: AnnouncementTool, label: string, style?: "primary" | "danger") => ({
  label,
  actionId,
  value: JSON.stringify({ announcement: announcement.id }),
  ...(style ? { style } : {}),
});

/**
 * The author's status card: where the announcement stands, what failed and why, how fast it goes,
 * who engaged. Updated as deliveries settle; the counts are the delivery rows', never a tally kept
 * beside them, so a card updated late is still right.
 */
export function statusCard(announcement: Announcement, counts: DeliveryCounts, now: number): Reply {
  const m = announcementMessages(announcement.locale).report;
  const done = counts.byStatus.sent + counts.byStatus.failed;
  const fields = [
    { label: m.sent, value: `${counts.byStatus.sent} / ${counts.total}` },
    { label: m.pending, value: String(counts.byStatus.pending + counts.byStatus.sending) },
    { label: m.failed, value: String(counts.byStatus.failed) },
  ];
  if (counts.byStatus.cancelled > 0) fields.push({ label: m.cancelled, value: String(counts.byStatus.cancelled) });
  if (announcement.content.engagement !== "none") fields.push({ label: m.engaged, value: String(counts.engaged) });
  const blocks: Block[] = [{ type: "header", text: `${m.title(announcement.content.title)} (${m.status[announcement.status]})` }, { type: "fields", fields }];
  const reasons = Object.entries(counts.failedByReason).map(([reason, n]) => `• ${m.reasons[reason] ?? reason}: ${n}`);
  if (reasons.length > 0) blocks.push({ type: "section", title: m.failed, text: reasons.join("\n") });
  if (counts.possiblyDuplicated > 0) blocks.push({ type: "text", text: `${m.possiblyDuplicated}: ${counts.possiblyDuplicated}` });
  const elapsed = ((announcement.finishedAt ?? now) - (announcement.startedAt ?? now)) / 1000;
  if (done > 0 && elapsed > 0) blocks.push({ type: "text", text: m.rate((counts.byStatus.sent / elapsed).toFixed(1)) });
  const open = announcement.status === "scheduled" || announcement.status === "sending";
  blocks.push({ type: "buttons", buttons: [toolButton(announcement, "announcements.csv", m.csv), ...(open ? [toolButton(announcement, "announcements.cancel", m.cancel, "danger")] : [])] });
  return reply(blocks, { private: true });
}

/** One line per recipient; every text cell is escaped, since names and reasons end up in a spreadsheet. */
export function deliveriesCsv(deliveries: readonly Delivery[], engaged: ReadonlySet<string>, locale: Locale): string {
  const m = announcementMessages(locale).report;
  const lines = deliveries.map((d) =>
    [d.platform, d.target, d.kind, d.locale, d.status, d.reason ? (m.reasons[d.reason] ?? d.reason) : "", d.possiblyDuplicated ? 1 : 0, engaged.has(`${d.platform}:${d.target}`) ? 1 : 0].map(csvCell).join(","),
  );
  return [m.csvHeaders.map(csvCell).join(","), ...lines].join("\r\n") + "\r\n";
}
