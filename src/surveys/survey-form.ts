import { z } from "zod";
import type { FormSubmission, Reply } from "../answers/reply.js";
import { reply } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import type { Place } from "../conversation/incoming.js";
import { dayIn, endOfDayIn, knownTimeZone } from "../dates/zoned-time.js";
import { DEFAULT_DEADLINE_DAYS, MIN_RESPONSES_FLOOR, type SurveyDraft } from "./survey.js";
import { surveyMessages } from "./survey-messages.js";

/** What was understood from the manager's message; the form asks for the rest. */
export interface SurveyRequest {
  roleId?: string;
  deadline?: Date;
  anonymous?: boolean;
}

const DAY_MS = 24 * 3600_000;
const REMINDER_CHOICES = [0, 1, 2, 3];
const MAX_MIN_RESPONSES = 1000;

/** Where the survey goes, carried through the form and checked again when it comes back. */
export const formContextSchema = z.object({
  platform: z.string(),
  conversationId: z.string().min(1),
  /** The creator's zone, where the chosen day ends. */
  timeZone: z.string().max(64).optional(),
});

/** The creation form, filled with what was understood. */
export function surveyForm(catalog: RoleCatalog, place: Place, request: SurveyRequest, locale: Locale, now: Date, timeZone: string): Reply {
  const m = surveyMessages(locale).form;
  const role: Role = (request.roleId && catalog.find(request.roleId)) || catalog.roles()[0]!;
  const deadline = request.deadline ?? new Date(now.getTime() + DEFAULT_DEADLINE_DAYS * DAY_MS);
  const context = { platform: place.address.platform, conversationId: place.address.conversationId, timeZone };
  return reply([
    {
      type: "form",
      title: m.title,
      fields: [
        { kind: "text", id: "title", label: m.surveyTitle, value: m.defaultTitle(role.names[locale]), maxLength: 150 },
        { kind: "choice", id: "role", label: m.role, options: catalog.roles().map((r) => ({ label: r.names[locale], value: r.id })), value: role.id },
        { kind: "choices", id: "skills", label: m.skills, options: role.skills.map((s) => ({ label: s.name[locale], value: s.id })), values: role.skills.map((s) => s.id) },
        {
          kind: "choice",
          id: "anonymity",
          label: m.anonymity,
          options: [
            { label: m.anonymous, value: "anonymous" },
            { label: m.named, value: "named" },
          ],
          value: request.anonymous === false ? "named" : "anonymous",
        },
        { kind: "number", id: "minResponses", label: m.minResponses, value: MIN_RESPONSES_FLOOR, min: MIN_RESPONSES_FLOOR, max: MAX_MIN_RESPONSES },
        { kind: "date", id: "deadline", label: m.deadline, value: dayIn(deadline, timeZone) },
        {
          kind: "choice",
          id: "reminder",
          label: m.reminder,
          options: REMINDER_CHOICES.map((days) => ({ label: days === 0 ? m.noReminder : m.reminderDaysBefore(days), value: String(days) })),
          value: "1",
        },
      ],
      submit: { label: m.submit, actionId: "surveys.create", value: JSON.stringify(context) },
    },
  ]);
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";
const many = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? value.split(",") : []);

export type DraftProblem = "unknownRole" | "noSkills" | "deadlinePast" | "minTooLow" | "title" | "minResponses" | "deadline" | "reminder" | "anonymity";

/**
 * A submitted form as a survey draft, or what is wrong with it. Every field is checked here,
 * whatever the platform's own form checked: a submission can be forged.
 */
export function readSurveyForm(catalog: RoleCatalog, submission: FormSubmission, now: Date, timeZone: string): { ok: true; draft: SurveyDraft } | { ok: false; problems: DraftProblem[] } {
  const f = submission.fields;
  const problems: DraftProblem[] = [];
  const title = one(f.title).trim().slice(0, 150);
  if (!title) problems.push("title");
  const role = catalog.find(one(f.role));
  if (!role) problems.push("unknownRole");
  // Skills chosen for another role (the role was changed in the form) mean the whole new role.
  const chosen = role ? many(f.skills).filter((id) => role.skills.some((s) => s.id === id)) : [];
  const skillIds = role ? (chosen.length > 0 ? role.skills.filter((s) => chosen.includes(s.id)).map((s) => s.id) : role.skills.map((s) => s.id)) : [];
  if (role && skillIds.length === 0) problems.push("noSkills");
  const anonymity = one(f.anonymity);
  if (anonymity !== "anonymous" && anonymity !== "named") problems.push("anonymity");
  const minResponses = Number(one(f.minResponses) || MIN_RESPONSES_FLOOR);
  if (!Number.isInteger(minResponses) || minResponses > MAX_MIN_RESPONSES) problems.push("minResponses");
  else if (minResponses < MIN_RESPONSES_FLOOR) problems.push("minTooLow");
  const deadlineDay = one(f.deadline);
  // The end of the chosen day where the creator is: a deadline "on the 12th" includes the 12th.
  const deadlineAt = endOfDayIn(deadlineDay, timeZone);
  if (Number.isNaN(deadlineAt)) problems.push("deadline");
  else if (deadlineAt <= now.getTime()) problems.push("deadlinePast");
  const reminderDays = Number(one(f.reminder) || "0");
  if (!REMINDER_CHOICES.includes(reminderDays)) problems.push("reminder");
  if (problems.length > 0 || !role) return { ok: false, problems };
  const remindAt = reminderDays > 0 ? deadlineAt - reminderDays * DAY_MS : undefined;
  return {
    ok: true,
    draft: { title, roleId: role.id, skillIds, anonymous: anonymity === "anonymous", minResponses, deadlineAt, timeZone: knownTimeZone(timeZone), ...(remindAt && remindAt > now.getTime() ? { remindAt } : {}) },
  };
}
