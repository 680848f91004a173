import { z } from "zod";
import { reply, type FormField, type FormSubmission, type Reply } from "../answers/reply.js";
import type { Locale } from "../catalog/schema.js";
import { dayIn, knownTimeZone, timeOfDayIn } from "../dates/zoned-time.js";
import { announcementContentSchema, ENGAGEMENTS, MAX_BODY_CHARS, MAX_TITLE_CHARS, type AnnouncementContent } from "./announcement.js";
import { announcementMessages } from "./announcement-messages.js";

/** What the author's message already said; the form asks for the rest. */
export interface AnnouncementRequest {
  title?: string;
  message?: string;
  channels?: string[];
  users?: string[];
  userGroups?: string[];
  everyone?: boolean;
}

/** What the form carries through the platform and back: the author's platform and zone. */
export const announcementFormContext = z.object({ platform: z.string().min(1), timeZone: z.string().max(64) });

/** A draft ready for its preview, or what is wrong with it, field by field in the author's language. */
export type ReadDraft = { ok: true; content: AnnouncementContent; sendAt?: number; timeZone: string } | { ok: false; problems: string[] };

const DEFAULT_SEND_TIME = "09:00";

/** The composing form: a Slack modal, a Teams card, prompts in the terminal. */
export function announcementForm(request: AnnouncementRequest, context: { platform: string; timeZone: string; locale: Locale; now: Date }): Reply {
  const m = announcementMessages(context.locale).form;
  const list = (items?: string[]) => (items && items.length > 0 ? { value: items.join(", ") } : {});
  const text = (id: string, label: string, maxLength: number, extra: Partial<Extract<FormField, { kind: "text" }>> = {}): FormField => ({ kind: "text", id, label, maxLength, optional: true, ...extra });
  const yesNo = [
    { label: m.no, value: "no" },
    { label: m.yes, value: "yes" },
  ];
  return reply([
    {
      type: "form",
      title: m.title,
      fields: [
        text("title", m.announcementTitle, MAX_TITLE_CHARS, { optional: false, ...(request.title ? { value: request.title } : {}) }),
        text("bodyEn", m.bodyEn, MAX_BODY_CHARS, context.locale === "en" && request.message ? { value: request.message } : {}),
        text("bodyFr", m.bodyFr, MAX_BODY_CHARS, context.locale === "fr" && request.message ? { value: request.message } : {}),
        text("linkUrl", m.linkUrl, 2000),
        text("linkLabel", m.linkLabel, 75),
        text("imageUrl", m.imageUrl, 2000),
        text("channels", m.channels, 2000, list(request.channels)),
        text("channelMembers", m.channelMembers, 2000),
        text("users", m.users, 2000, list(request.users)),
        text("userGroups", m.userGroups, 2000, list(request.userGroups)),
        { kind: "choice", id: "everyone", label: m.everyone, options: yesNo, value: request.everyone ? "yes" : "no" },
        { kind: "choice", id: "engagement", label: m.engagement, options: ENGAGEMENTS.map((e) => ({ label: m.engagements[e], value: e })), value: "none" },
        { kind: "date", id: "sendDate", label: m.sendDate, value: dayIn(context.now, context.timeZone) },
        text("sendTime", m.sendTime, 5),
        text("timeZone", m.timeZone, 64, { optional: false, value: knownTimeZone(context.timeZone) }),
      ],
      submit: { label: m.submit, actionId: "announcements.create", value: JSON.stringify({ platform: context.platform, timeZone: context.timeZone }) },
    },
  ]);
}

const one = (value: string | string[] | undefined) => ((Array.isArray(value) ? value[0] : value) ?? "").trim();
/** "#a, #b" or one a line: the names as typed. */
const names = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value : (value ?? "").split(/[,\n]/))
    .map((n) => n.trim())
    .filter(Boolean);
const optional = <T>(value: T | "") => (value === "" ? undefined : value);

/**
 * A submitted form as an announcement draft. Every field is checked again here, whatever the
 * platform's form checked: a submission can be forged. The send date is today in the form unless
 * changed: today and no time means now; another day with no time means 09:00 there.
 */
export function readAnnouncementForm(submission: FormSubmission, locale: Locale, now: Date): ReadDraft {
  const f = submission.fields;
  const m = announcementMessages(locale);
  const timeZone = one(f.timeZone) || "UTC";
  const problems: string[] = [];
  if (knownTimeZone(timeZone) !== timeZone) problems.push(m.problems.field(m.form.timeZone, m.problems.badTimeZone));
  const linkUrl = one(f.linkUrl);
  const draft = {
    title: one(f.title),
    body: { en: optional(one(f.bodyEn)), fr: optional(one(f.bodyFr)) },
    ...(linkUrl ? { link: { url: linkUrl, label: optional(one(f.linkLabel)) } } : {}),
    imageUrl: optional(one(f.imageUrl)),
    audience: { channels: names(f.channels), channelMembers: names(f.channelMembers), users: names(f.users), userGroups: names(f.userGroups), everyone: one(f.everyone) === "yes" },
    engagement: one(f.engagement) || "none",
  };
  const content = announcementContentSchema.safeParse(draft);
  if (!content.success) problems.push(...content.error.issues.map((issue) => m.problems.field(fieldLabel(issue.path, locale), issue.message)));
  const sendAt = sendTime(one(f.sendDate), one(f.sendTime), timeZone, now);
  if (sendAt === "bad") problems.push(m.problems.field(m.form.sendTime, m.problems.badTime));
  else if (sendAt !== undefined && sendAt <= now.getTime()) problems.push(m.problems.field(m.form.sendDate, m.problems.sendInPast));
  if (!content.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, content: content.data, timeZone, ...(typeof sendAt === "number" ? { sendAt } : {}) };
}

function sendTime(day: string, time: string, timeZone: string, now: Date): number | undefined | "bad" {
  if (!day || (!time && day === dayIn(now, timeZone))) return undefined;
  const at = timeOfDayIn(day, time || DEFAULT_SEND_TIME, timeZone);
  return Number.isNaN(at) ? "bad" : at;
}

/** The form's label for a path of the content's schema, so a problem names the field the author sees. */
function fieldLabel(path: readonly PropertyKey[], locale: Locale): string {
  const f = announcementMessages(locale).form;
  const [head, next] = path.map(String);
  const labels: Record<string, string> = {
    title: f.announcementTitle,
    "body.en": f.bodyEn,
    "body.fr": f.bodyFr,
    body: `${f.bodyEn} / ${f.bodyFr}`,
    "link.url": f.linkUrl,
    "link.label": f.linkLabel,
    link: f.linkUrl,
    imageUrl: f.imageUrl,
    "audience.channels": f.channels,
    "audience.channelMembers": f.channelMembers,
    "audience.users": f.users,
    "audience.userGroups": f.userGroups,
    engagement: f.engagement,
  };
  return labels[`${head}.${next}`] ?? labels[head ?? ""] ?? path.join(".");
}
