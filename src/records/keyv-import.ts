import { sql, type Kysely } from "kysely";
import { parseJsonText } from "./json-text.js";
import { z } from "zod";

/**
 * What version 0.1 kept in keyv's table (`keyv`: key, value as keyv's JSON `{ value, expires }`,
 * keys prefixed with the `parcours:` namespace), moved to where it lives now, so that an upgrade
 * loses no one's results, assessments in progress or Teams conversations. Conversation memory,
 * locale caches and delivery claims are short-lived and left to expire with the table.
 */
const NAMESPACE = "parcours:";
const entry = z.object({ value: z.unknown(), expires: z.number().nullable().optional() });
const results = z.array(z.object({ roleId: z.string(), finishedAt: z.string(), ratings: z.record(z.string(), z.number().nullable()), complete: z.boolean() }));
const reference = z.object({
  conversation: z.object({ id: z.string(), conversationType: z.string().optional() }).passthrough(),
  user: z.object({ id: z.string(), aadObjectId: z.string().optional() }).passthrough().optional(),
}).passthrough();

/** `platform:user id` after a prefix; a Teams id has colons of its own, so only the first one splits. */
function owner(rest: string): { platform: string; userId: string } | undefined {
  const at = rest.indexOf(":");
  return at > 0 ? { platform: rest.slice(0, at), userId: rest.slice(at + 1) } : undefined;
}

export async function importKeyvTable(db: Kysely<any>): Promise<void> {
  if (!(await hasOwnTable(db, "keyv"))) return;
  const rows = (await db.selectFrom("keyv").select(["key", "value"]).where("key", "like", `${NAMESPACE}%`).execute()) as { key: string; value: string }[];
  const now = Date.now();
  for (const row of rows) {
    const parsed = entry.safeParse(parseJsonText(row.value));
    if (!parsed.success || (parsed.data.expires && parsed.data.expires <= now)) continue;
    const key = row.key.slice(NAMESPACE.length);
    if (key.startsWith("assessment:results:")) await importResults(db, key.slice("assessment:results:".length), parsed.data.value);
    else if (key.startsWith("assessment:active:")) await importActive(db, key.slice("assessment:active:".length), parsed.data.value, parsed.data.expires ?? null);
    else if (key.startsWith("conversation-reference:teams:")) await importReference(db, parsed.data.value);
  }
  await db.schema.dropTable("keyv").execute();
}

async function importResults(db: Kysely<any>, rest: string, value: unknown): Promise<void> {
  const who = owner(rest);
  const list = results.safeParse(value);
  if (!who || !list.success) return;
  for (const result of list.data) {
    await db
      .insertInto("assessment_results")
      .values({
        id: `${who.platform}:${who.userId}:${result.finishedAt}`,
        platform: who.platform,
        user_id: who.userId,
        role_id: result.roleId,
        started_at: Date.parse(result.finishedAt),
        finished_at: Date.parse(result.finishedAt),
        ratings: JSON.stringify(result.ratings),
        complete: result.complete ? 1 : 0,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
}

/** An assessment in progress becomes the flow engine's record, under the key the engine reads. */
async function importActive(db: Kysely<any>, rest: string, value: unknown, expires: number | null): Promise<void> {
  const who = owner(rest);
  if (!who || !value || typeof value !== "object") return;
  const idleUntil = expires ?? Date.now() + 7 * 24 * 3600_000;
  const record = { flow: "assessment", version: 1, state: value, idleUntil };
  await db
    .insertInto("state")
    .values({ key: `user:${who.platform}:${encodeURIComponent(who.userId)}:flow`, value: JSON.stringify(record), version: 1, expires_at: idleUntil })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}

async function importReference(db: Kysely<any>, value: unknown): Promise<void> {
  const parsed = reference.safeParse(value);
  if (!parsed.success) return;
  const type = parsed.data.conversation.conversationType;
  const kind = type === "personal" ? "personal" : type === "channel" ? "channel" : "group";
  const user = parsed.data.user;
  await db
    .insertInto("conversation_addresses")
    .values({
      platform: "teams",
      conversation_id: parsed.data.conversation.id,
      kind,
      user_id: kind === "personal" && user ? (user.aadObjectId ?? user.id) : null,
      reference: JSON.stringify(parsed.data),
      updated_at: Date.now(),
    })
    .onConflict((oc) => oc.columns(["platform", "conversation_id"]).doNothing())
    .execute();
}

/** Kysely lists every schema's tables on PostgreSQL: only the one this database works in counts. */
async function hasOwnTable(db: Kysely<any>, name: string): Promise<boolean> {
  const tables = (await db.introspection.getTables()).filter((t) => t.name === name);
  if (tables.every((t) => t.schema === undefined)) return tables.length > 0;
  const current = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return tables.some((t) => t.schema === current.rows[0]?.schema);
}

