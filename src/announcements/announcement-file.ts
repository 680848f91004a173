import { parse, YAMLParseError } from "yaml";
import { z } from "zod";
import { knownTimeZone, timeOfDayIn } from "../dates/zoned-time.js";
import { announcementContentSchema } from "./announcement.js";
import type { ReadDraft } from "./announcement-form.js";

/** Larger than any announcement with its audience listed: a file past this is the wrong file. */
export const MAX_FILE_BYTES = 1_000_000;

/**
 * `parcours announce --file x.yaml`: the same content as the form, and when to send it:
 *   sendAt: "2026-12-10 09:00"   # in timeZone; or an ISO time with its offset; absent: now
 *   timeZone: Europe/Paris        # default UTC
 */
const fileSchema = announcementContentSchema.extend({
  sendAt: z.union([z.string(), z.date()]).optional(),
  timeZone: z
    .string()
    .refine((zone) => knownTimeZone(zone) === zone, { error: "unknown time zone (use a name like Europe/Paris)" })
    .default("UTC"),
});

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})$/;

/** A file's text as a draft, or its problems, each naming the field ("body.en: must be at most …"). */
export function readAnnouncementFile(text: string, now: Date): ReadDraft {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) return { ok: false, problems: [`the file is larger than ${MAX_FILE_BYTES} bytes`] };
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 50 });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const where = error.linePos?.[0] ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : "";
    return { ok: false, problems: [`not valid YAML${where}: ${error.message.split("\n")[0]}`] };
  }
  const result = fileSchema.safeParse(data ?? {});
  if (!result.success) return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.join(".") || "(file)"}: ${issue.message}`) };
  const { sendAt: when, timeZone, ...content } = result.data;
  const sendAt = when === undefined ? undefined : instantOf(when, timeZone);
  if (sendAt !== undefined && Number.isNaN(sendAt)) return { ok: false, problems: ['sendAt: must look like "2026-12-10 09:00" (in timeZone) or an ISO 8601 time'] };
  if (sendAt !== undefined && sendAt <= now.getTime()) return { ok: false, problems: ["sendAt: the sending time has passed"] };
  return { ok: true, content, timeZone, ...(sendAt !== undefined ? { sendAt } : {}) };
}

function instantOf(when: string | Date, timeZone: string): number {
  if (when instanceof Date) return when.getTime();
  const local = LOCAL_TIME.exec(when.trim());
  if (local) return timeOfDayIn(local[1]!, local[2]!, timeZone);
  // Only a full time with its offset: a bare date would be read in the server's zone.
  return /(?:Z|[+-]\d{2}:?\d{2})$/.test(when.trim()) ? Date.parse(when) : Number.NaN;
}
