import type { Kysely } from "kysely";
import type { Tables } from "../records/tables.js";

export type ConversationKind = "personal" | "channel" | "group";

/** A conversation the bot can post in proactively, as the platform adapter recorded it. */
export interface KnownConversation {
  platform: string;
  conversationId: string;
  kind: ConversationKind;
  /** The user of a personal conversation. */
  userId?: string;
  /** Whatever the adapter needs to post there (a Teams conversation reference); JSON-safe. */
  reference: Record<string, unknown>;
}

/**
 * The conversations Parcours can reach without being spoken to: Slack DM channel ids and Teams
 * conversation references, recorded as users talk to the bot or install it, so that surveys,
 * reminders and announcements reach people who have used the app.
 */
export class AddressBook {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a conversation, or moves it (Teams may change a tenant's service URL). */
  async remember(conversation: KnownConversation): Promise<void> {
    const row = {
      platform: conversation.platform,
      conversation_id: conversation.conversationId,
      kind: conversation.kind,
      user_id: conversation.userId ?? null,
      reference: JSON.stringify(conversation.reference),
      updated_at: this.now(),
    };
    await this.db
      .insertInto("conversation_addresses")
      .values(row)
      .onConflict((oc) => oc.columns(["platform", "conversation_id"]).doUpdateSet({ kind: row.kind, user_id: row.user_id, reference: row.reference, updated_at: row.updated_at }))
      .execute();
  }

  async find(platform: string, conversationId: string): Promise<KnownConversation | undefined> {
    const row = await this.db.selectFrom("conversation_addresses").selectAll().where("platform", "=", platform).where("conversation_id", "=", conversationId).executeTakeFirst();
    return row && toKnown(row);
  }

  /** The user's personal conversation with the bot, if one was recorded. */
  async personal(platform: string, userId: string): Promise<KnownConversation | undefined> {
    const row = await this.db
      .selectFrom("conversation_addresses")
      .selectAll()
      .where("platform", "=", platform)
      .where("user_id", "=", userId)
      .where("kind", "=", "personal")
      .orderBy("updated_at", "desc")
      .executeTakeFirst();
    return row && toKnown(row);
  }

  /** Every recorded conversation of a platform, optionally of one kind, in a stable order. */
  async list(platform: string, kind?: ConversationKind): Promise<KnownConversation[]> {
    let query = this.db.selectFrom("conversation_addresses").selectAll().where("platform", "=", platform);
    if (kind) query = query.where("kind", "=", kind);
    return (await query.orderBy("conversation_id").execute()).map(toKnown);
  }

  /** The bot was removed from a conversation: Teams refuses proactive messages there anyway. */
  async forget(platform: string, conversationId: string): Promise<void> {
    await this.db.deleteFrom("conversation_addresses").where("platform", "=", platform).where("conversation_id", "=", conversationId).execute();
  }

  /** "Delete my data": the user's personal conversations, with their ids in the reference. */
  async forgetUser(platform: string, userId: string): Promise<void> {
    await this.db.deleteFrom("conversation_addresses").where("platform", "=", platform).where("user_id", "=", userId).execute();
  }
}

function toKnown(row: Tables["conversation_addresses"]): KnownConversation {
  return {
    platform: row.platform,
    conversationId: row.conversation_id,
    kind: row.kind as ConversationKind,
    ...(row.user_id ? { userId: row.user_id } : {}),
    reference: JSON.parse(row.reference) as Record<string, unknown>,
  };
}
