import { optional, time } from "../records/row-values.js";
import { randomUUID } from "node:crypto";
import { sql, type Kysely, type Selectable } from "kysely";
import { z } from "zod";
import { LOCALES } from "../catalog/schema.js";
import { postedMessageSchema, type PostedMessage } from "../outbound/outbound.js";
import type { DataSubject } from "../privacy/user-erasure.js";
import type { AnnouncementDeliveryTable, AnnouncementTable, Tables } from "../records/tables.js";
import { announcementContentSchema, type Announcement, type AnnouncementContent, type AnnouncementStatus, type DeliveryStatus, type Recipient } from "./announcement.js";

/** Which delivery: the announcement and the recipient, its idempotency key. */
export interface DeliveryKey {
  announcementId: string;
  platform: string;
  target: string;
}

export type Delivery = DeliveryKey & Recipient & { status: DeliveryStatus; reason?: string; possiblyDuplicated: boolean; attempts: number; message?: PostedMessage };

/** Where an announcement stands: what its status card and its CSV show. */
export interface DeliveryCounts {
  total: number;
  byStatus: Record<DeliveryStatus, number>;
  failedByReason: Record<string, number>;
  possiblyDuplicated: number;
  engaged: number;
}

/** SQLite takes at most 999 bound values a statement in old builds: rows go in by this many. */
const INSERT_CHUNK = 100;

/**
 * Announcements, one delivery row per recipient, and who engaged. Every change of state is one
 * conditional statement, so that two processes (or a job run twice) never both move a delivery
 * or an announcement on: the row's status decides, not what Node read before.
 */
export class AnnouncementRecords {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly now: () => number = Date.now,
  ) {}

  async create(author: DataSubject, content: AnnouncementContent, options: { locale: Announcement["locale"]; timeZone: string; sendAt?: number }): Promise<Announcement> {
    const announcement: Announcement = {
      id: randomUUID(),
      authorPlatform: author.platform,
      authorId: author.userId,
      content,
      locale: options.locale,
      timeZone: options.timeZone,
      status: "draft",
      createdAt: this.now(),
      ...(options.sendAt !== undefined ? { sendAt: options.sendAt } : {}),
    };
    await this.db
      .insertInto("announcements")
      .values({
        id: announcement.id,
        author_platform: author.platform,
        author_id: author.userId,
        content: JSON.stringify(content),
        locale: announcement.locale,
        time_zone: announcement.timeZone,
        status: "draft",
        created_at: announcement.createdAt,
        send_at: options.sendAt ?? null,
        started_at: null,
        finished_at: null,
        report_card: null,
      })
      .execute();
    await this.audit(announcement.id, author, "created", { sendAt: options.sendAt ?? null });
    return announcement;
  }

  async find(id: string): Promise<Announcement | undefined> {
    if (!z.uuid().safeParse(id).success) return undefined;
    const row = await this.db.selectFrom("announcements").selectAll().where("id", "=", id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Moves the announcement from one of `from` to `to`; false when it was not in one of them (someone else moved it first). */
  async transition(id: string, from: readonly AnnouncementStatus[], to: AnnouncementStatus, actor: DataSubject): Promise<boolean> {
    const at = this.now();
    const result = await this.db
      .updateTable("announcements")
      .set({ status: to, ...(to === "sending" ? { started_at: at } : {}), ...(to === "done" || to === "cancelled" ? { finished_at: at } : {}) })
      .where("id", "=", id)
      .where("status", "in", [...from])
      .executeTakeFirst();
    const moved = Number(result.numUpdatedRows) === 1;
    if (moved) await this.audit(id, actor, to);
    return moved;
  }

  /**
   * Done once no delivery is pending or in flight, in one statement: of two deliveries settling last
   * at once in two processes, exactly one finds the announcement finished.
   */
  async finishIfDone(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable("announcements")
      .set({ status: "done", finished_at: this.now() })
      .where("id", "=", id)
      .where("status", "=", "sending")
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("announcement_deliveries").select("target").where("announcement_id", "=", id).where("status", "in", ["pending", "sending"]))),
      )
      .executeTakeFirst();
    const done = Number(result.numUpdatedRows) === 1;
    if (done) await this.audit(id, { platform: "parcours", userId: "parcours" }, "done");
    return done;
  }

  /** The status card, recorded by whoever posted it first. */
  async setReportCard(id: string, card: PostedMessage): Promise<boolean> {
    const result = await this.db.updateTable("announcements").set({ report_card: JSON.stringify(card) }).where("id", "=", id).where("report_card", "is", null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The recipients, each once: a recipient already there (a start run again after a crash) is left as it is. */
  async addRecipients(id: string, recipients: readonly Recipient[]): Promise<void> {
    const at = this.now();
    for (let i = 0; i < recipients.length; i += INSERT_CHUNK) {
      const rows = recipients.slice(i, i + INSERT_CHUNK).map((r) => ({
        announcement_id: id,
        platform: r.platform,
        target: r.target,
        kind: r.kind,
        locale: r.locale,
        status: "pending",
        reason: null,
        possibly_duplicated: 0,
        attempts: 0,
        message: null,
        updated_at: at,
      }));
      await this.db.insertInto("announcement_deliveries").values(rows).onConflict((oc) => oc.doNothing()).execute();
    }
  }

  /** Every delivery of an announcement, in a stable order: for its jobs and its CSV. */
  async deliveries(id: string): Promise<Delivery[]> {
    const rows = await this.db.selectFrom("announcement_deliveries").selectAll().where("announcement_id", "=", id).orderBy("platform").orderBy("target").execute();
    return rows.map(toDelivery);
  }

  async delivery(key: DeliveryKey): Promise<Delivery | undefined> {
    const row = await byKey(this.db.selectFrom("announcement_deliveries").selectAll(), key).executeTakeFirst();
    return row && toDelivery(row);
  }

  /**
   * Takes a pending delivery to send it, while its announcement is sending, in one statement: a
   * cancel that lands first leaves it pending (and then cancelled), and of two runs of its job only
   * one takes it. Answers the delivery taken, or undefined.
   */
  async take(key: DeliveryKey): Promise<Delivery | undefined> {
    const row = await byKey(this.db.updateTable("announcement_deliveries"), key)
      .set((eb) => ({ status: "sending", attempts: eb("attempts", "+", 1), updated_at: this.now() }))
      .where("status", "=", "pending")
      .where(({ exists, selectFrom }) => exists(selectFrom("announcements").select("id").where("id", "=", key.announcementId).where("status", "=", "sending")))
      .returningAll()
      .executeTakeFirst();
    return row && toDelivery(row);
  }

  /** Counts one more attempt at a delivery found in flight, which is being reconciled and sent again. */
  async retake(key: DeliveryKey, possiblyDuplicated: boolean): Promise<void> {
    await byKey(this.db.updateTable("announcement_deliveries"), key)
      .set((eb) => ({ attempts: eb("attempts", "+", 1), updated_at: this.now(), ...(possiblyDuplicated ? { possibly_duplicated: 1 } : {}) }))
      .where("status", "=", "sending")
      .execute();
  }

  /** Ends a delivery in flight: sent (where), failed (why), or back to pending (the platform said it did not take it). True when it was in flight. */
  async settle(key: DeliveryKey, outcome: { status: "sent"; message: PostedMessage } | { status: "failed"; reason: string } | { status: "pending"; attemptGivenBack?: boolean }): Promise<boolean> {
    const result = await byKey(this.db.updateTable("announcement_deliveries"), key)
      .set((eb) => ({
        status: outcome.status,
        updated_at: this.now(),
        ...(outcome.status === "sent" ? { message: JSON.stringify(outcome.message) } : {}),
        ...(outcome.status === "failed" ? { reason: outcome.reason } : {}),
        // A 429 is the pace's business, not the recipient's: it does not count towards giving up.
        ...(outcome.status === "pending" && outcome.attemptGivenBack ? { attempts: eb("attempts", "-", 1) } : {}),
      }))
      .where("status", "=", "sending")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Cancelling stops every delivery not yet taken; those in flight finish as they will. */
  async cancelPending(id: string): Promise<number> {
    const result = await this.db
      .updateTable("announcement_deliveries")
      .set({ status: "cancelled", updated_at: this.now() })
      .where("announcement_id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async counts(id: string): Promise<DeliveryCounts> {
    const rows = await this.db
      .selectFrom("announcement_deliveries")
      .select(["status", "reason", sql<number>`count(*)`.as("n"), sql<number>`sum(possibly_duplicated)`.as("dup")])
      .where("announcement_id", "=", id)
      .groupBy(["status", "reason"])
      .execute();
    const counts: DeliveryCounts = { total: 0, byStatus: { pending: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 }, failedByReason: {}, possiblyDuplicated: 0, engaged: 0 };
    for (const row of rows) {
      const n = Number(row.n);
      counts.total += n;
      counts.byStatus[row.status as DeliveryStatus] += n;
      counts.possiblyDuplicated += Number(row.dup ?? 0);
      if (row.status === "failed") counts.failedByReason[row.reason ?? "failed"] = (counts.failedByReason[row.reason ?? "failed"] ?? 0) + n;
    }
    const engaged = await this.db.selectFrom("announcement_acks").select(sql<number>`count(*)`.as("n")).where("announcement_id", "=", id).executeTakeFirst();
    counts.engaged = Number(engaged?.n ?? 0);
    return counts;
  }

  /** A recipient pressed the announcement's button: counted once, however often they press. */
  async engage(id: string, who: DataSubject): Promise<boolean> {
    const result = await this.db
      .insertInto("announcement_acks")
      .values({ announcement_id: id, platform: who.platform, user_id: who.userId, at: this.now() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async engaged(id: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom("announcement_acks").select(["platform", "user_id"]).where("announcement_id", "=", id).execute();
    return new Set(rows.map((r) => `${r.platform}:${r.user_id}`));
  }

  /**
   * "Delete my data": what they received, what they pressed, and their name on what they authored
   * and on its audit trail (the announcements themselves stay: they were sent to others).
   */
  async forgetUser(subject: DataSubject): Promise<void> {
    await this.db.deleteFrom("announcement_deliveries").where("platform", "=", subject.platform).where("target", "=", subject.userId).where("kind", "=", "user").execute();
    await this.db.deleteFrom("announcement_acks").where("platform", "=", subject.platform).where("user_id", "=", subject.userId).execute();
    await this.db.updateTable("announcements").set({ author_id: ERASED }).where("author_platform", "=", subject.platform).where("author_id", "=", subject.userId).execute();
    await this.db.updateTable("audit_log").set({ actor_id: ERASED }).where("platform", "=", subject.platform).where("actor_id", "=", subject.userId).where("action", "like", "announcement.%").execute();
  }

  /** Who did what to which announcement, and when: never its text, which the announcement row keeps. */
  async audit(id: string, actor: DataSubject, event: string, detail: Record<string, unknown> = {}): Promise<void> {
    await this.db
      .insertInto("audit_log")
      .values({ id: auditId(this.now()), at: this.now(), platform: actor.platform, actor_id: actor.userId, action: `announcement.${event}`, subject: id, detail: JSON.stringify(detail) })
      .execute();
  }

  /** The audit trail of one announcement, oldest first. */
  async trail(id: string): Promise<{ at: number; platform: string; actorId: string; action: string; detail: string }[]> {
    const rows = await this.db.selectFrom("audit_log").selectAll().where("subject", "=", id).orderBy("id").execute();
    return rows.map((r) => ({ at: Number(r.at), platform: r.platform, actorId: r.actor_id, action: r.action, detail: r.detail }));
  }
}

let auditSequence = 0;
/** Sorts as written within a process, even within one millisecond; unique across processes. */
const auditId = (at: number) => `${String(at).padStart(15, "0")}-${String(++auditSequence).padStart(10, "0")}-${randomUUID()}`;

/** What an erased author or actor reads as. */
const ERASED = "(erased)";

/** Narrows any query on the deliveries to one of them. */
function byKey<Q extends { where: (...args: any[]) => Q }>(query: Q, key: DeliveryKey): Q {
  return query.where("announcement_id", "=", key.announcementId).where("platform", "=", key.platform).where("target", "=", key.target);
}


function fromRow(row: Selectable<AnnouncementTable>): Announcement {
  return {
    id: row.id,
    authorPlatform: row.author_platform,
    authorId: row.author_id,
    content: announcementContentSchema.parse(JSON.parse(row.content)),
    locale: z.enum(LOCALES).parse(row.locale),
    timeZone: row.time_zone,
    status: row.status as AnnouncementStatus,
    createdAt: Number(row.created_at),
    ...optional("sendAt", time(row.send_at)),
    ...optional("startedAt", time(row.started_at)),
    ...optional("finishedAt", time(row.finished_at)),
    ...optional("reportCard", row.report_card ? postedMessageSchema.parse(JSON.parse(row.report_card)) : undefined),
  };
}

function toDelivery(row: Selectable<AnnouncementDeliveryTable>): Delivery {
  return {
    announcementId: row.announcement_id,
    platform: row.platform,
    target: row.target,
    kind: row.kind as Recipient["kind"],
    locale: z.enum(LOCALES).parse(row.locale),
    status: row.status as DeliveryStatus,
    ...(row.reason ? { reason: row.reason } : {}),
    possiblyDuplicated: Number(row.possibly_duplicated) === 1,
    attempts: Number(row.attempts),
    ...(row.message ? { message: postedMessageSchema.parse(JSON.parse(row.message)) } : {}),
  };
}
