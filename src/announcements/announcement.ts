import { z } from "zod";
import { LOCALES, type Locale } from "../catalog/schema.js";
import type { PostedMessage } from "../outbound/outbound.js";

/**
 * Block Kit refuses a section longer than 3,000 characters; an Adaptive Card's text has room for
 * more, but one announcement must read the same everywhere.
 */
export const MAX_BODY_CHARS = 3000;
export const MAX_TITLE_CHARS = 150;
/** More names than this in one audience field is a list pasted by mistake, not an audience. */
const MAX_AUDIENCE_ENTRIES = 500;

const httpsUrl = z
  .url({ protocol: /^https$/, error: "must be an https:// address" })
  .max(2000, { error: "must be at most 2,000 characters" });

const body = z
  .string()
  .trim()
  .min(1, { error: "must not be empty" })
  .max(MAX_BODY_CHARS, { error: (issue) => `must be at most ${MAX_BODY_CHARS} characters (it has ${String((issue.input as string).length)})` });

const names = z.array(z.string().trim().min(1).max(200)).max(MAX_AUDIENCE_ENTRIES, { error: `must list at most ${MAX_AUDIENCE_ENTRIES} entries` }).default([]);

/**
 * Who an announcement reaches. Every entry may name its platform ("slack:#learning-club",
 * "teams:<conversation id>"); without one, it is on the author's platform.
 */
export const audienceSchema = z
  .object({
    /** One post in each. */
    channels: names,
    /** Every member of each, by private message. */
    channelMembers: names,
    users: names,
    /** Slack user groups (S…). */
    userGroups: names,
    /** Everyone who has the app: true for every platform, or the platforms named. */
    everyone: z.union([z.boolean(), z.array(z.enum(["slack", "teams", "console"]))]).default(false),
  })
  .strict();
export type Audience = z.infer<typeof audienceSchema>;

export const ENGAGEMENTS = ["none", "acknowledge", "interested"] as const;
export type Engagement = (typeof ENGAGEMENTS)[number];

/** What the author wrote, as a form or a YAML file gives it: checked the same way whichever it came from. */
export const announcementContentSchema = z
  .object({
    title: z.string().trim().min(1, { error: "must not be empty" }).max(MAX_TITLE_CHARS, { error: `must be at most ${MAX_TITLE_CHARS} characters` }),
    body: z
      .object({ en: body.optional(), fr: body.optional() })
      .strict()
      .refine((b) => b.en !== undefined || b.fr !== undefined, { error: "needs the text in English (en), in French (fr), or both" }),
    link: z.object({ url: httpsUrl, label: z.string().trim().min(1).max(75).optional() }).strict().optional(),
    imageUrl: httpsUrl.optional(),
    audience: audienceSchema,
    engagement: z.enum(ENGAGEMENTS).default("none"),
  })
  .strict();
export type AnnouncementContent = z.infer<typeof announcementContentSchema>;

export type AnnouncementStatus = "draft" | "scheduled" | "sending" | "done" | "cancelled";

export interface Announcement {
  id: string;
  authorPlatform: string;
  authorId: string;
  content: AnnouncementContent;
  locale: Locale;
  timeZone: string;
  status: AnnouncementStatus;
  createdAt: number;
  sendAt?: number;
  startedAt?: number;
  finishedAt?: number;
  reportCard?: PostedMessage;
}

/** The version a recipient reads: theirs when the author wrote it, the other one otherwise. */
export function bodyFor(content: AnnouncementContent, locale: Locale): { text: string; locale: Locale } {
  const own = content.body[locale];
  if (own) return { text: own, locale };
  const other = LOCALES.find((l) => content.body[l] !== undefined)!;
  return { text: content.body[other]!, locale: other };
}

/** What became of one recipient; `sending` is in flight (or cut short by a crash, to be reconciled). */
export type DeliveryStatus = "pending" | "sending" | "sent" | "failed" | "cancelled";

/** A recipient: a user reached privately, or a channel posted in once. */
export interface Recipient {
  platform: string;
  target: string;
  kind: "user" | "channel";
  locale: Locale;
}
