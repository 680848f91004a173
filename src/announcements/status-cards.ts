import { z } from "zod";
import { RetryLater, type Job, type JobQueue } from "../jobs/job-queue.js";
import { describeError } from "../logging/describe-error.js";
import type { Logger } from "../logging/logger.js";
import type { OutboundPorts } from "../outbound/outbound-ports.js";
import { OutboundError } from "../outbound/outbound.js";
import type { StateStore } from "../store/state-store.js";
import type { AnnouncementRecords } from "./announcement-records.js";
import { statusCard } from "./announcement-report.js";

export const CARD_JOB = "announcement.card";
/** While deliveries settle, the card shows them at most this late, in one update per window. */
const CARD_EVERY_MS = 3000;
/** A card post that dies with its process is given to another after this. */
const POSTING_CLAIM_MS = 60_000;
const RETRY_MS = 5000;
const payloadSchema = z.object({ announcement: z.uuid() });

export interface StatusCardsDependencies {
  records: AnnouncementRecords;
  outbound: OutboundPorts;
  jobs: JobQueue;
  state: StateStore;
  logger: Logger;
  now: () => Date;
}

/**
 * The author's status card, posted once and updated as the announcement goes. Each showing is a
 * durable job: one per few-second window while deliveries settle (its id names the window, so a
 * thousand settled deliveries schedule it once), and one at each turn (start, end, cancel). So the
 * last figures are always shown, a rate-limited update is made again after the wait, and a card
 * whose first post failed is posted by the next showing.
 */
export class StatusCards {
  constructor(private readonly deps: StatusCardsDependencies) {}

  /** Something changed: shown at the end of the current window, or at once at a turn. */
  async changed(announcementId: string, turn?: "start" | "done" | "cancelled"): Promise<void> {
    const now = this.deps.now().getTime();
    const window = Math.ceil(now / CARD_EVERY_MS);
    await this.deps.jobs.schedule({
      id: `${CARD_JOB}:${announcementId}:${turn ?? window}`,
      name: CARD_JOB,
      payload: { announcement: announcementId },
      ...(turn ? {} : { runAt: new Date(window * CARD_EVERY_MS) }),
    });
  }

  async show(job: Job): Promise<void> {
    const { announcement: id } = payloadSchema.parse(job.payload);
    const announcement = await this.deps.records.find(id);
    const port = announcement && this.deps.outbound.of(announcement.authorPlatform);
    if (!announcement || !port) return;
    const card = statusCard(announcement, await this.deps.records.counts(id), this.deps.now().getTime());
    try {
      if (announcement.reportCard) return await port.update(announcement.reportCard, card);
      // One process posts it; a showing that finds another posting shows it once that one is done.
      const claim = `announcement:${id}:card-posting`;
      if (!(await this.deps.state.claim(claim, POSTING_CLAIM_MS))) throw new RetryLater(RETRY_MS, "status card being posted");
      try {
        await this.deps.records.setReportCard(id, await port.post(await port.openPrivateConversation(announcement.authorId), card));
      } catch (error) {
        await this.deps.state.delete(claim);
        throw error;
      }
    } catch (error) {
      if (!(error instanceof OutboundError)) throw error;
      if (error.failure.reason === "rate-limited") throw new RetryLater(error.failure.retryAfterMs, "status card rate limited");
      if (!error.final) throw new RetryLater(RETRY_MS, "status card not shown");
      this.deps.logger.warn({ err: describeError(error) }, "announcement status card cannot be shown");
    }
  }
}
