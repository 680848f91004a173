import { optional, time } from "../records/row-values.js";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { sql, type Kysely, type Selectable } from "kysely";
import { z } from "zod";
import { LOCALES } from "../catalog/schema.js";
import { postedMessageSchema } from "../outbound/outbound.js";
import type { DataSubject } from "../privacy/user-erasure.js";
import type { SurveyTable, Tables } from "../records/tables.js";
import type { Survey, SurveyDraft, SurveyRatings } from "./survey.js";

/** An answer that came once the survey had closed (or passed its deadline): it is not recorded. */
export class SurveyClosed extends Error {
  constructor() {
    super("the survey is closed");
    this.name = "SurveyClosed";
  }
}

const ratingsSchema = z.record(z.string(), z.number().int().min(1).max(5).nullable());

/**
 * Surveys and their responses in the database. An anonymous survey's responses are stored under
 * a keyed one-way hash of the member, with a secret of that survey kept in its own table: while
 * the survey is open the hash lets a member replace their answer and lets Parcours tell who has
 * not answered; closing the survey deletes the secret, and from then on nobody, reading the
 * database or not, can tell whose answers are whose.
 */
export class SurveyRecords {
  constructor(
    private readonly db: Kysely<Tables>,
    /** Merging a member's answers is one statement, in each database's own JSON dialect. */
    private readonly kind: "sqlite" | "postgres",
    private readonly now: () => number = Date.now,
  ) {}

  async create(place: { platform: string; conversationId: string; creatorId: string; locale: Survey["locale"] }, draft: SurveyDraft): Promise<Survey> {
    const survey: Survey = { id: randomUUID(), ...place, ...draft, createdAt: this.now() };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("surveys").values(toRow(survey)).execute();
      await trx.insertInto("survey_secrets").values({ survey_id: survey.id, secret: randomBytes(32).toString("base64") }).execute();
    });
    return survey;
  }

  async find(id: string): Promise<Survey | undefined> {
    if (!z.uuid().safeParse(id).success) return undefined;
    const row = await this.db.selectFrom("surveys").selectAll().where("id", "=", id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** The survey closed most recently before this one, on the same team and role: what "since last time" compares with. */
  async previous(survey: Survey): Promise<Survey | undefined> {
    const row = await this.db
      .selectFrom("surveys")
      .selectAll()
      .where("platform", "=", survey.platform)
      .where("conversation_id", "=", survey.conversationId)
      .where("role_id", "=", survey.roleId)
      .where("created_at", "<", survey.createdAt)
      .where("closed_at", "is not", null)
      .orderBy("created_at", "desc")
      .executeTakeFirst();
    return row && fromRow(row);
  }

  async setCard(survey: Survey, card: NonNullable<Survey["card"]>): Promise<void> {
    await this.db.updateTable("surveys").set({ card: JSON.stringify(card) }).where("id", "=", survey.id).execute();
  }

  /**
   * How a member's response is filed: the keyed hash while an anonymous survey is open, their id
   * for a named one; undefined once an anonymous survey's secret is gone.
   */
  async respondentKey(survey: Survey, member: DataSubject): Promise<string | undefined> {
    if (!survey.anonymous) return member.userId;
    const row = await this.db.selectFrom("survey_secrets").select("secret").where("survey_id", "=", survey.id).executeTakeFirst();
    return row && createHmac("sha256", row.secret).update(`${member.platform}:${member.userId}`).digest("base64url");
  }

  /**
   * Records a member's answer to some skills, replacing what they answered to those skills before
   * and keeping the rest, in one statement that writes only while the survey is open: answering
   * again never counts twice, and an answer that comes after the close is refused (SurveyClosed).
   */
  async answer(survey: Survey, respondent: string, ratings: SurveyRatings): Promise<void> {
    const patch = JSON.stringify(ratings);
    const merged = this.kind === "postgres" ? sql<string>`(survey_responses.ratings::jsonb || ${patch}::jsonb)::text` : sql<string>`json_patch(survey_responses.ratings, ${patch})`;
    const written = await this.db
      .insertInto("survey_responses")
      .columns(["survey_id", "respondent", "ratings"])
      .expression((eb) =>
        eb
          .selectFrom("surveys")
          .select([sql<string>`${survey.id}`.as("survey_id"), sql<string>`${respondent}`.as("respondent"), sql<string>`${patch}`.as("ratings")])
          .where("id", "=", survey.id)
          .where("closed_at", "is", null)
          .where("deadline_at", ">", this.now()),
      )
      .onConflict((oc) => oc.columns(["survey_id", "respondent"]).doUpdateSet({ ratings: merged }))
      .executeTakeFirst();
    if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) throw new SurveyClosed();
  }

  async responseOf(survey: Survey, respondent: string): Promise<SurveyRatings | undefined> {
    const row = await this.db.selectFrom("survey_responses").select("ratings").where("survey_id", "=", survey.id).where("respondent", "=", respondent).executeTakeFirst();
    return row && ratingsSchema.parse(JSON.parse(row.ratings));
  }

  async count(survey: Survey): Promise<number> {
    const row = await this.db.selectFrom("survey_responses").select((eb) => eb.fn.countAll().as("n")).where("survey_id", "=", survey.id).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every response's ratings, in no particular order and without who gave them: for aggregates only. */
  async allRatings(survey: Survey): Promise<SurveyRatings[]> {
    const rows = await this.db.selectFrom("survey_responses").select("ratings").where("survey_id", "=", survey.id).execute();
    return rows.map((row) => ratingsSchema.parse(JSON.parse(row.ratings)));
  }

  /** The respondent keys on file, to find who has not answered while the survey is open. */
  async respondents(survey: Survey): Promise<Set<string>> {
    const rows = await this.db.selectFrom("survey_responses").select("respondent").where("survey_id", "=", survey.id).execute();
    return new Set(rows.map((row) => row.respondent));
  }

  async extend(survey: Survey, deadlineAt: number, remindAt: number | undefined): Promise<void> {
    await this.db.updateTable("surveys").set({ deadline_at: deadlineAt, remind_at: remindAt ?? null }).where("id", "=", survey.id).where("closed_at", "is", null).execute();
  }

  /** Claims today's reminder: true for exactly one caller in any interval, across processes. */
  async claimReminder(survey: Survey, notBefore: number): Promise<boolean> {
    const updated = await this.db
      .updateTable("surveys")
      .set({ reminded_at: this.now() })
      .where("id", "=", survey.id)
      .where("closed_at", "is", null)
      .where((eb) => eb.or([eb("reminded_at", "is", null), eb("reminded_at", "<=", notBefore)]))
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /**
   * Closes the survey in one transaction: the secret is destroyed, and the responses are written
   * again in a random order under random keys, so that neither a hash nor the order rows were
   * written in can point at whoever answered. True for the one caller that closed it; a close that
   * lost the race, came after, or finds the deadline moved since it was scheduled, changes nothing.
   */
  async close(survey: Survey, scheduledDeadline?: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      let closing = trx.updateTable("surveys").set({ closed_at: this.now() }).where("id", "=", survey.id).where("closed_at", "is", null);
      if (scheduledDeadline !== undefined) closing = closing.where("deadline_at", "=", scheduledDeadline);
      const updated = await closing.executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      await trx.deleteFrom("survey_secrets").where("survey_id", "=", survey.id).execute();
      const rows = await trx.selectFrom("survey_responses").select("ratings").where("survey_id", "=", survey.id).execute();
      await trx.deleteFrom("survey_responses").where("survey_id", "=", survey.id).execute();
      const shuffled = rows.map((row) => ({ row, order: randomBytes(4).readUInt32BE() })).sort((a, b) => a.order - b.order);
      for (const { row } of shuffled) await trx.insertInto("survey_responses").values({ survey_id: survey.id, respondent: randomUUID(), ratings: row.ratings }).execute();
      return true;
    });
  }

  /** "Delete my data": the member's named answers, and their hashed ones where the secret still exists. */
  async forgetMember(member: DataSubject): Promise<void> {
    const named = this.db.selectFrom("surveys").select("id").where("platform", "=", member.platform).where("anonymous", "=", 0);
    await this.db.deleteFrom("survey_responses").where("respondent", "=", member.userId).where("survey_id", "in", named).execute();
    const open = await this.db.selectFrom("survey_secrets").innerJoin("surveys", "surveys.id", "survey_secrets.survey_id").select(["surveys.id", "survey_secrets.secret"]).where("surveys.platform", "=", member.platform).execute();
    for (const { id, secret } of open) {
      const key = createHmac("sha256", secret).update(`${member.platform}:${member.userId}`).digest("base64url");
      await this.db.deleteFrom("survey_responses").where("survey_id", "=", id).where("respondent", "=", key).execute();
    }
  }
}

function toRow(survey: Survey): SurveyTable {
  return {
    id: survey.id,
    platform: survey.platform,
    conversation_id: survey.conversationId,
    creator_id: survey.creatorId,
    title: survey.title,
    role_id: survey.roleId,
    skill_ids: JSON.stringify(survey.skillIds),
    anonymous: survey.anonymous ? 1 : 0,
    min_responses: survey.minResponses,
    locale: survey.locale,
    time_zone: survey.timeZone,
    created_at: survey.createdAt,
    deadline_at: survey.deadlineAt,
    remind_at: survey.remindAt ?? null,
    reminded_at: survey.remindedAt ?? null,
    closed_at: survey.closedAt ?? null,
    card: survey.card ? JSON.stringify(survey.card) : null,
  };
}


function fromRow(row: Selectable<SurveyTable>): Survey {
  return {
    id: row.id,
    platform: row.platform,
    conversationId: row.conversation_id,
    creatorId: row.creator_id,
    title: row.title,
    roleId: row.role_id,
    skillIds: z.array(z.string()).parse(JSON.parse(row.skill_ids)),
    anonymous: Number(row.anonymous) === 1,
    minResponses: Number(row.min_responses),
    locale: z.enum(LOCALES).parse(row.locale),
    timeZone: row.time_zone,
    createdAt: Number(row.created_at),
    deadlineAt: Number(row.deadline_at),
    ...optional("remindAt", time(row.remind_at)),
    ...optional("remindedAt", time(row.reminded_at)),
    ...optional("closedAt", time(row.closed_at)),
    ...optional("card", row.card ? postedMessageSchema.parse(JSON.parse(row.card)) : undefined),
  };
}
