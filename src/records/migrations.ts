import type { Kysely, Migration } from "kysely";
import { importKeyvTable } from "./keyv-import.js";

/**
 * Versioned schema changes, applied in name order at start by whichever process gets there first
 * (Kysely takes a lock on PostgreSQL). Never edit one that has shipped: add the next.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "001-seams": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("state")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("version", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint")
        .execute();
      await db.schema.createIndex("state_expires_at").on("state").column("expires_at").execute();

      await db.schema
        .createTable("assessment_results")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("role_id", "text", (c) => c.notNull())
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("finished_at", "bigint", (c) => c.notNull())
        .addColumn("ratings", "text", (c) => c.notNull())
        .addColumn("complete", "integer", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("assessment_results_owner").on("assessment_results").columns(["platform", "user_id", "finished_at"]).execute();

      await db.schema
        .createTable("conversation_addresses")
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("conversation_id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("user_id", "text")
        .addColumn("reference", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("conversation_addresses_pk", ["platform", "conversation_id"])
        .execute();
      await db.schema.createIndex("conversation_addresses_user").on("conversation_addresses").columns(["platform", "user_id"]).execute();

      await db.schema
        .createTable("audit_log")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("actor_id", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();

      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("run_at", "bigint", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("locked_until", "bigint")
        .addColumn("last_error", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("jobs_due").on("jobs").columns(["state", "run_at"]).execute();
    },
  },
  "002-keyv-import": {
    up: (db: Kysely<unknown>) => importKeyvTable(db as Kysely<any>),
  },
  "003-surveys": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("surveys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("conversation_id", "text", (c) => c.notNull())
        .addColumn("creator_id", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("role_id", "text", (c) => c.notNull())
        .addColumn("skill_ids", "text", (c) => c.notNull())
        .addColumn("anonymous", "integer", (c) => c.notNull())
        .addColumn("min_responses", "integer", (c) => c.notNull())
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("deadline_at", "bigint", (c) => c.notNull())
        .addColumn("remind_at", "bigint")
        .addColumn("reminded_at", "bigint")
        .addColumn("closed_at", "bigint")
        .addColumn("card", "text")
        .execute();
      await db.schema.createIndex("surveys_place_role").on("surveys").columns(["platform", "conversation_id", "role_id", "created_at"]).execute();

      // Kept apart from the survey so that closing it can destroy the secret and nothing else.
      await db.schema
        .createTable("survey_secrets")
        .addColumn("survey_id", "text", (c) => c.primaryKey())
        .addColumn("secret", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("survey_responses")
        .addColumn("survey_id", "text", (c) => c.notNull())
        // A keyed hash of the member for an anonymous survey, their id for a named one.
        .addColumn("respondent", "text", (c) => c.notNull())
        .addColumn("ratings", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("survey_responses_pk", ["survey_id", "respondent"])
        .execute();
    },
  },
  "004-survey-time-zone": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("surveys").addColumn("time_zone", "text", (c) => c.notNull().defaultTo("UTC")).execute();
    },
  },
  "005-announcements": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("announcements")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("author_platform", "text", (c) => c.notNull())
        .addColumn("author_id", "text", (c) => c.notNull())
        // The validated draft (title, bodies, link, image, audience, engagement) as JSON.
        .addColumn("content", "text", (c) => c.notNull())
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("time_zone", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("send_at", "bigint")
        .addColumn("started_at", "bigint")
        .addColumn("finished_at", "bigint")
        .addColumn("report_card", "text")
        .execute();

      // One row per recipient: its primary key is the idempotency key of the delivery.
      await db.schema
        .createTable("announcement_deliveries")
        .addColumn("announcement_id", "text", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("possibly_duplicated", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("message", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("announcement_deliveries_pk", ["announcement_id", "platform", "target"])
        .execute();
      await db.schema.createIndex("announcement_deliveries_status").on("announcement_deliveries").columns(["announcement_id", "status"]).execute();
      await db.schema.createIndex("announcement_deliveries_target").on("announcement_deliveries").columns(["platform", "target"]).execute();

      await db.schema
        .createTable("announcement_acks")
        .addColumn("announcement_id", "text", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("announcement_acks_pk", ["announcement_id", "platform", "user_id"])
        .execute();
    },
  },
};
