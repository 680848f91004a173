import { z } from "zod";
import { formSubmissionSchema, reply, type Block, type Reply } from "../answers/reply.js";
import type { Locale } from "../catalog/schema.js";
import type { Speaker } from "../conversation/incoming.js";
import type { JobHandler } from "../jobs/job-queue.js";
import { describeError } from "../logging/describe-error.js";
import { PaceGate } from "../outbound/pace-gate.js";
import type { DataSubject } from "../privacy/user-erasure.js";
import type { CoreServices } from "../core-services.js";
import { parseJsonText } from "../records/json-text.js";
import { formatDeadline } from "../surveys/survey-messages.js";
import { LOCALES } from "../catalog/schema.js";
import type { Announcement, AnnouncementContent, Recipient } from "./announcement.js";
import { AnnouncementDelivery, DELIVER_JOB, deliveryJobId } from "./announcement-delivery.js";
import { announcementForm, announcementFormContext, readAnnouncementForm, type AnnouncementRequest, type ReadDraft } from "./announcement-form.js";
import { announcementMessage } from "./announcement-message.js";
import { announcementMessages } from "./announcement-messages.js";
import { AnnouncementRecords } from "./announcement-records.js";
import { deliveriesCsv, statusCard, toolButton, type AnnouncementTool } from "./announcement-report.js";
import { resolveAudience } from "./audience.js";
import { Announcers } from "./announcers.js";
import { CARD_JOB, StatusCards } from "./status-cards.js";

export const START_JOB = "announcement.start";
const startJobId = (id: string) => `${START_JOB}:${id}`;
const toolPayload = z.object({ announcement: z.uuid() });
const startPayload = z.object({ announcement: z.uuid() });
const SYSTEM: DataSubject = { platform: "parcours", userId: "parcours" };

export interface ProgrammeAnnouncementsDependencies extends CoreServices {
  defaultLocale: Locale;
}

/** A draft with the recipients it would reach, or why it cannot go. */
type Prepared = { ok: true; announcement: Announcement; recipients: Recipient[] } | { ok: false; problems: string[] };

/**
 * Programme announcements by L&D staff: composed in a form (or a YAML file), previewed exactly as
 * recipients will see it with the number of recipients per platform, then sent now or at a time,
 * one durable job per recipient, at the pace each platform allows, with a status card for the
 * author, an optional engagement button and a per-recipient CSV. Every change is audited.
 */
export class ProgrammeAnnouncements {
  readonly records: AnnouncementRecords;
  private readonly delivery: AnnouncementDelivery;
  private readonly announcers: Announcers;
  private readonly cards: StatusCards;

  constructor(private readonly deps: ProgrammeAnnouncementsDependencies) {
    this.records = new AnnouncementRecords(deps.database.db, () => deps.now().getTime());
    this.announcers = new Announcers(deps.admins, deps.outbound, deps.state, deps.logger);
    this.cards = new StatusCards({ ...deps, records: this.records });
    this.delivery = new AnnouncementDelivery({
      records: this.records,
      ports: deps.outbound,
      gate: new PaceGate(deps.state),
      logger: deps.logger,
      metrics: deps.metrics,
      settled: (id) => this.settled(id),
    });
  }

  /** "Tell #learning-club that …": the form, filled with what was understood, for L&D staff only. */
  async offer(speaker: Speaker, request: AnnouncementRequest, locale: Locale): Promise<Reply> {
    if (!(await this.announcers.allows(speaker))) return this.refusal(locale);
    return { ...announcementForm(request, { platform: speaker.platform, timeZone: speaker.timeZone ?? "UTC", locale, now: this.deps.now() }), private: true, publicNotice: announcementMessages(locale).sentPrivately };
  }

  jobHandlers(): Record<string, JobHandler> {
    return {
      [START_JOB]: (job) => this.start(startPayload.parse(job.payload).announcement),
      [DELIVER_JOB]: (job) => this.delivery.run(job, (id) => this.records.find(id)),
      [CARD_JOB]: (job) => this.cards.show(job),
    };
  }

  async onTool(speaker: Speaker, tool: AnnouncementTool, value: string, locale: Locale): Promise<Reply> {
    if (tool === "announcements.engage") return this.engage(speaker, value, locale);
    if (!(await this.announcers.allows(speaker))) return this.refusal(locale);
    if (tool === "announcements.create") return this.fromForm(speaker, value, locale);
    const payload = toolPayload.safeParse(parseJsonText(value));
    const announcement = payload.success ? await this.records.find(payload.data.announcement) : undefined;
    const m = announcementMessages(locale);
    if (!announcement) return privately([{ type: "text", text: m.unknown }], locale);
    switch (tool) {
      case "announcements.confirm":
        return this.confirm(speaker, announcement, locale);
      case "announcements.cancel":
        return this.cancel(speaker, announcement, locale);
      default: {
        const csv = deliveriesCsv(await this.records.deliveries(announcement.id), await this.records.engaged(announcement.id), locale);
        return privately([{ type: "section", title: m.report.csvTitle(announcement.content.title), text: `\`\`\`\n${csv}\`\`\`` }], locale);
      }
    }
  }

  /**
   * A draft from a file (`parcours announce`), as from a form: checked, its audience resolved,
   * and its preview answered; nothing is sent before `confirm`.
   */
  async prepare(author: DataSubject, draft: ReadDraft, locale: Locale): Promise<{ reply: Reply; announcement?: Announcement }> {
    const prepared = draft.ok ? await this.draft(author, draft, locale) : draft;
    if (!prepared.ok) return { reply: this.problems(prepared.problems, locale) };
    return { reply: this.preview(prepared.announcement, prepared.recipients), announcement: prepared.announcement };
  }

  /** Draft to scheduled, once; the start job leaves at the send time (now when none). */
  async confirm(actor: DataSubject, announcement: Announcement, locale: Locale): Promise<Reply> {
    const m = announcementMessages(locale);
    if (!(await this.records.transition(announcement.id, ["draft"], "scheduled", actor))) return privately([{ type: "text", text: m.notChangeable }], locale);
    await this.deps.jobs.schedule({ id: startJobId(announcement.id), name: START_JOB, payload: { announcement: announcement.id }, ...(announcement.sendAt ? { runAt: new Date(announcement.sendAt) } : {}) });
    const text = announcement.sendAt ? m.confirmed.at(formatDeadline(announcement.sendAt, locale, announcement.timeZone)) : m.confirmed.now;
    return privately([{ type: "text", text }, { type: "buttons", buttons: [toolButton(announcement, "announcements.cancel", m.preview.cancel, "danger")] }], locale);
  }

  /** Stops every delivery not yet taken; those in flight finish. The status card says what happened. */
  async cancel(actor: DataSubject, announcement: Announcement, locale: Locale): Promise<Reply> {
    const m = announcementMessages(locale);
    if (!(await this.records.transition(announcement.id, ["draft", "scheduled", "sending"], "cancelled", actor))) return privately([{ type: "text", text: m.notChangeable }], locale);
    await this.deps.jobs.cancel(startJobId(announcement.id));
    const stopped = await this.records.cancelPending(announcement.id);
    await this.cards.changed(announcement.id, "cancelled");
    return privately([{ type: "text", text: m.cancelled(stopped) }], locale);
  }

  /** Whether they are L&D staff, for `parcours announce --as`. */
  mayAnnounce(who: DataSubject): Promise<boolean> {
    return this.announcers.allows(who);
  }

  /** Waits until the announcement is finished or cancelled and answers its final status card: `parcours announce` prints it. */
  async finished(id: string, pollMs = 500): Promise<Reply> {
    for (;;) {
      const announcement = await this.records.find(id);
      if (!announcement) return privately([{ type: "text", text: announcementMessages(this.deps.defaultLocale).unknown }], this.deps.defaultLocale);
      if (announcement.status === "done" || announcement.status === "cancelled") return statusCard(announcement, await this.records.counts(id), this.deps.now().getTime());
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** "Delete my data": what they received and pressed, and their name on what they authored. */
  forgetUser(subject: DataSubject): Promise<void> {
    return this.records.forgetUser(subject);
  }

  private async fromForm(speaker: Speaker, value: string, locale: Locale): Promise<Reply> {
    const submission = formSubmissionSchema.safeParse(parseJsonText(value));
    const context = submission.success ? announcementFormContext.safeParse(parseJsonText(submission.data.context)) : undefined;
    if (!submission.success || !context?.success || context.data.platform !== speaker.platform) return this.problems([announcementMessages(locale).unknown], locale);
    return (await this.prepare(speaker, readAnnouncementForm(submission.data, locale, this.deps.now()), locale)).reply;
  }

  private async draft(author: DataSubject, draft: Extract<ReadDraft, { ok: true }>, locale: Locale): Promise<Prepared> {
    const m = announcementMessages(locale).problems;
    let resolved;
    try {
      resolved = await this.resolve(draft.content, author.platform, locale);
    } catch (error) {
      this.deps.logger.warn({ err: describeError(error) }, "announcement audience unavailable");
      return { ok: false, problems: [m.platformUnavailable(author.platform)] };
    }
    const problems = [...resolved.unknownChannels.map(m.unknownChannel), ...resolved.unavailablePlatforms.map(m.platformUnavailable)];
    if (problems.length === 0 && resolved.recipients.length === 0) problems.push(m.noRecipients);
    if (problems.length > 0) return { ok: false, problems };
    const announcement = await this.records.create(author, draft.content, { locale, timeZone: draft.timeZone, ...(draft.sendAt !== undefined ? { sendAt: draft.sendAt } : {}) });
    return { ok: true, announcement, recipients: resolved.recipients };
  }

  private resolve(content: AnnouncementContent, authorPlatform: string, locale: Locale) {
    return resolveAudience(content.audience, { authorPlatform, ports: this.deps.outbound, channelLocale: locale, fallbackLocale: this.deps.defaultLocale });
  }

  /** Exactly what goes out, in each language written, then who it reaches and when, and the buttons. */
  private preview(announcement: Announcement, recipients: readonly Recipient[]): Reply {
    const locale = announcement.locale;
    const m = announcementMessages(locale).preview;
    const versions = LOCALES.filter((l) => announcement.content.body[l] !== undefined);
    const shown = versions.flatMap((l, i) => [...(i > 0 ? [{ type: "divider" as const }] : []), ...announcementMessage(announcement, l).blocks]);
    const perPlatform = [...new Set(recipients.map((r) => r.platform))].map((platform) => {
      const mine = recipients.filter((r) => r.platform === platform);
      const channels = mine.filter((r) => r.kind === "channel").length;
      const parts = [m.people(mine.length - channels), ...(channels > 0 ? [m.channels(channels)] : [])];
      return `${parts.join(" + ")} (${platform})`;
    });
    const when = announcement.sendAt ? m.whenAt(formatDeadline(announcement.sendAt, locale, announcement.timeZone)) : m.whenNow;
    return privately(
      [
        { type: "text", text: m.intro },
        { type: "divider" },
        ...shown,
        { type: "divider" },
        { type: "text", text: `${m.recipients(perPlatform.join(", "))} ${when}` },
        { type: "buttons", buttons: [toolButton(announcement, "announcements.confirm", announcement.sendAt ? m.schedule : m.send, "primary"), toolButton(announcement, "announcements.cancel", m.cancel)] },
      ],
      locale,
    );
  }

  /**
   * The send time has come: the audience is resolved now (who is in a channel then is who gets it),
   * one delivery row and one job per recipient. Run again after a crash, it adds nobody twice and
   * schedules no job twice.
   */
  private async start(id: string): Promise<void> {
    await this.records.transition(id, ["scheduled"], "sending", SYSTEM);
    const announcement = await this.records.find(id);
    if (announcement?.status !== "sending") return;
    const resolved = await this.resolve(announcement.content, announcement.authorPlatform, announcement.locale);
    await this.records.addRecipients(id, resolved.recipients);
    const perPlatform = Object.fromEntries([...new Set(resolved.recipients.map((r) => r.platform))].map((p) => [p, resolved.recipients.filter((r) => r.platform === p).length]));
    await this.records.audit(id, SYSTEM, "audience", { recipients: perPlatform, unknownChannels: resolved.unknownChannels.length, unavailablePlatforms: resolved.unavailablePlatforms });
    for (const delivery of await this.records.deliveries(id)) {
      if (delivery.status === "pending") await this.deps.jobs.schedule({ id: deliveryJobId(delivery), name: DELIVER_JOB, payload: { announcementId: id, platform: delivery.platform, target: delivery.target } });
    }
    await this.cards.changed(id, "start");
    // Nobody to reach (everyone left the channels): finished at once.
    await this.settled(id);
  }

  /** After each settled delivery (or engagement): finish the announcement once nothing is left; the card shows it. */
  private async settled(id: string): Promise<void> {
    await this.cards.changed(id, (await this.records.finishIfDone(id)) ? "done" : undefined);
  }

  private async engage(speaker: Speaker, value: string, locale: Locale): Promise<Reply> {
    const m = announcementMessages(locale);
    const payload = toolPayload.safeParse(parseJsonText(value));
    const announcement = payload.success ? await this.records.find(payload.data.announcement) : undefined;
    if (!announcement || announcement.content.engagement === "none") return privately([{ type: "text", text: m.unknown }], locale);
    // The preview's button looks the same as the recipients' and counts for nothing.
    if (announcement.status !== "sending" && announcement.status !== "done") return privately([{ type: "text", text: m.engagement.notSent }], locale);
    if (!(await this.reached(announcement, speaker))) return privately([{ type: "text", text: m.unknown }], locale);
    const first = await this.records.engage(announcement.id, speaker);
    if (first) await this.settled(announcement.id);
    return privately([{ type: "text", text: first ? m.engagement.thanks : m.engagement.already }], locale);
  }

  /** A press counts from someone it was sent to, or from a channel it was posted in: a forged press from elsewhere does not. */
  private async reached(announcement: Announcement, who: Speaker): Promise<boolean> {
    const own = await this.records.delivery({ announcementId: announcement.id, platform: who.platform, target: who.userId });
    if (own?.kind === "user") return true;
    // A Teams channel's conversation id carries the message after a ";": the channel is before it.
    const channel = (who.place?.shared ? who.place.address.conversationId : who.conversationId).split(";")[0]!;
    return (await this.records.delivery({ announcementId: announcement.id, platform: who.platform, target: channel }))?.kind === "channel";
  }

  private refusal(locale: Locale): Reply {
    return privately([{ type: "text", text: announcementMessages(locale).refused }], locale);
  }

  private problems(lines: string[], locale: Locale): Reply {
    return privately([{ type: "text", text: announcementMessages(locale).problems.intro }, { type: "text", text: lines.map((l) => `• ${l}`).join("\n") }], locale);
  }
}

/** The author's replies go to them privately; a channel hears only that they did. */
function privately(blocks: Block[], locale: Locale): Reply {
  return reply(blocks, { private: true, publicNotice: announcementMessages(locale).sentPrivately });
}
