import type { Kysely } from "kysely";
import { z } from "zod";
import type { DataSubject } from "../privacy/user-erasure.js";
import type { Tables } from "../records/tables.js";
import type { AssessmentResult } from "./assessment.js";

/** Enough history to show progress in a chat; older results stay in the database. */
const LISTED_RESULTS = 20;

const ratingsSchema = z.record(z.string(), z.number().int().min(1).max(5).nullable());

const resultId = (owner: DataSubject, startedAt: string) => `${owner.platform}:${owner.userId}:${startedAt}`;

/**
 * Finished self-assessments, one row each, kept until the user deletes them. A result's id is
 * its owner and start time, so a finish that is retried, or committed by two processes, writes
 * one row.
 */
export class AssessmentResults {
  constructor(private readonly db: Kysely<Tables>) {}

  async add(owner: DataSubject, startedAt: string, result: AssessmentResult): Promise<void> {
    await this.db
      .insertInto("assessment_results")
      .values({
        id: resultId(owner, startedAt),
        platform: owner.platform,
        user_id: owner.userId,
        role_id: result.roleId,
        started_at: Date.parse(startedAt),
        finished_at: Date.parse(result.finishedAt),
        ratings: JSON.stringify(result.ratings),
        complete: result.complete ? 1 : 0,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }

  /** Whether the assessment started at this time was finished (or stopped with answers). */
  async has(owner: DataSubject, startedAt: string): Promise<boolean> {
    const row = await this.db.selectFrom("assessment_results").select("id").where("id", "=", resultId(owner, startedAt)).executeTakeFirst();
    return row !== undefined;
  }

  /** The most recent results, oldest first. */
  async list(owner: DataSubject): Promise<AssessmentResult[]> {
    const rows = await this.db
      .selectFrom("assessment_results")
      .select(["role_id", "finished_at", "ratings", "complete"])
      .where("platform", "=", owner.platform)
      .where("user_id", "=", owner.userId)
      .orderBy("finished_at", "desc")
      .limit(LISTED_RESULTS)
      .execute();
    return rows.reverse().map((row) => ({
      roleId: row.role_id,
      finishedAt: new Date(Number(row.finished_at)).toISOString(),
      ratings: ratingsSchema.parse(JSON.parse(row.ratings)),
      complete: Number(row.complete) === 1,
    }));
  }

  async deleteAll(owner: DataSubject): Promise<void> {
    await this.db.deleteFrom("assessment_results").where("platform", "=", owner.platform).where("user_id", "=", owner.userId).execute();
  }
}
