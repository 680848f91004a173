import { z } from "zod";
import { RetryLater, type Job } from "../jobs/job-queue.js";
import { describeError } from "../logging/describe-error.js";
import type { Logger } from "../logging/logger.js";
import type { ParcoursMetrics } from "../metrics/parcours-metrics.js";
import type { OutboundPorts } from "../outbound/outbound-ports.js";
import { OutboundError, type ConversationAddress, type OutboundPort } from "../outbound/outbound.js";
import type { PaceGate } from "../outbound/pace-gate.js";
import type { Announcement } from "./announcement.js";
import { announcementMessage } from "./announcement-message.js";
import type { AnnouncementRecords, Delivery, DeliveryKey } from "./announcement-records.js";

export const DELIVER_JOB = "announcement.deliver";

/** A delivery's job id: the idempotency key (announcement, recipient), so scheduling it twice keeps one job. */
export const deliveryJobId = (key: DeliveryKey) => `${DELIVER_JOB}:${key.announcementId}:${key.platform}:${key.target}`;

const payloadSchema = z.object({ announcementId: z.uuid(), platform: z.string().min(1), target: z.string().min(1) });

/** Sends that failed in a way worth retrying (an outage, a time-out) give up after this many attempts. */
const MAX_DELIVERY_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 60_000;
/** Spreads the return of deliveries paused together by a 429; the pace gate orders them anyway. */
const MAX_RATE_JITTER_MS = 500;

export interface DeliveryDependencies {
  records: AnnouncementRecords;
  ports: OutboundPorts;
  gate: PaceGate;
  logger: Logger;
  metrics: ParcoursMetrics;
  /** Called after a delivery settled, to finish the announcement and refresh its status card. */
  settled: (announcementId: string) => Promise<void>;
  random?: () => number;
}

/**
 * Sends one announcement to one recipient, once. The delivery row is the truth: a run takes it
 * from pending to sending in one statement (so two runs never both send it), sends at the pace the
 * platform allows, and settles it as sent or failed, or gives it back to pending when the platform
 * said plainly that it did not take the message (429, 5xx). A run that finds it already sending
 * comes after a crash or a time-out mid-send: it looks for the message on the platform (Slack:
 * by its metadata) before sending again, and where the platform gives no way to look (Teams), it
 * sends again and counts the recipient as possibly duplicated, in the report, never silently.
 */
export class AnnouncementDelivery {
  private readonly random: () => number;

  constructor(private readonly deps: DeliveryDependencies) {
    this.random = deps.random ?? Math.random;
  }

  async run(job: Job, announcementOf: (id: string) => Promise<Announcement | undefined>): Promise<void> {
    const key = payloadSchema.parse(job.payload);
    const announcement = await announcementOf(key.announcementId);
    if (!announcement) return;
    const port = this.deps.ports.of(key.platform);
    const delivery = (await this.deps.records.take(key)) ?? (await this.reconcile(key, port));
    if (!delivery) return;
    if (!port) return this.settle(key, { status: "failed", reason: "platform-unavailable" });
    try {
      const to = await this.addressOf(port, delivery);
      if (port.fanOut) await this.deps.gate.pass(key.platform, port.fanOut.pace.perSecond);
      // One post per channel per announcement; the channel's own pace matters when several go out at once.
      if (port.fanOut && delivery.kind === "channel") await this.deps.gate.pass(`${key.platform}:${key.target}`, port.fanOut.pace.perConversationPerSecond);
      const message = await port.post(to, announcementMessage(announcement, delivery.locale), { deliveryKey: deliveryJobId(key) });
      await this.settle(key, { status: "sent", message });
    } catch (error) {
      await this.failed(key, delivery, error);
    }
  }

  /**
   * The delivery was not pending: settled already, cancelled, erased, or in flight. In flight, it
   * is this one's to finish: found on the platform it is sent; otherwise it is sent again.
   */
  private async reconcile(key: DeliveryKey, port: OutboundPort | undefined): Promise<Delivery | undefined> {
    const current = await this.deps.records.delivery(key);
    if (current?.status !== "sending") return undefined;
    const findPosted = port?.fanOut?.findPosted?.bind(port.fanOut);
    const found = findPosted && port ? await findPosted(await this.addressOf(port, current), deliveryJobId(key)) : undefined;
    if (found) {
      await this.settle(key, { status: "sent", message: found });
      return undefined;
    }
    // undefined: the platform has no way to look, so the message may be there already.
    await this.deps.records.retake(key, found === undefined);
    return { ...current, attempts: current.attempts + 1 };
  }

  private async addressOf(port: OutboundPort, delivery: Delivery): Promise<ConversationAddress> {
    if (delivery.kind === "channel") return { platform: port.platform, conversationId: delivery.target };
    return port.fanOut?.privateAddress ? port.fanOut.privateAddress(delivery.target) : port.openPrivateConversation(delivery.target);
  }

  private async failed(key: DeliveryKey, delivery: Delivery, error: unknown): Promise<void> {
    if (!(error instanceof OutboundError)) {
      // Unknown: the message may have left. The row stays in flight, and the next run reconciles it.
      this.deps.logger.warn({ err: describeError(error) }, "announcement delivery interrupted");
      throw new RetryLater(this.backoff(delivery.attempts), "delivery interrupted");
    }
    const failure = error.failure;
    if (failure.reason === "rate-limited") {
      await this.deps.gate.pause(key.platform, failure.retryAfterMs);
      await this.deps.records.settle(key, { status: "pending", attemptGivenBack: true });
      throw new RetryLater(failure.retryAfterMs + this.jitter(Math.min(failure.retryAfterMs, MAX_RATE_JITTER_MS)), "rate limited");
    }
    if (error.final) return this.settle(key, { status: "failed", reason: failure.reason });
    if (delivery.attempts >= MAX_DELIVERY_ATTEMPTS) return this.settle(key, { status: "failed", reason: "failed" });
    // A refusal with an answer did not deliver; a time-out may have: it stays in flight, to be looked for.
    if (!(failure.reason === "failed" && failure.uncertain)) await this.deps.records.settle(key, { status: "pending" });
    throw new RetryLater(this.backoff(delivery.attempts), `delivery failed: ${failure.reason}`);
  }

  private async settle(key: DeliveryKey, outcome: Parameters<AnnouncementRecords["settle"]>[1]): Promise<void> {
    if (!(await this.deps.records.settle(key, outcome))) return;
    this.deps.metrics.deliveries.inc({ platform: key.platform, status: outcome.status, reason: "reason" in outcome ? outcome.reason : "" });
    await this.deps.settled(key.announcementId);
  }

  /** Exponential, with jitter so that a thousand deliveries failed together do not come back together. */
  private backoff(attempts: number): number {
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
    return base / 2 + this.jitter(base / 2);
  }

  private jitter(ms: number): number {
    return Math.floor(this.random() * ms);
  }
}
