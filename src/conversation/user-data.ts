import { privateReply } from "../answers/private-reply.js";
import { reply, type Reply } from "../answers/reply.js";
import type { AssessmentOwner, AssessmentRecords } from "../assessment/assessment-records.js";
import type { Locale } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import type { Store } from "../store/store.js";

/** What the bot remembers of a user's conversation, so "and its skills?" follows the last answer. */
export interface ConversationContext {
  locale: Locale;
  roles: string[];
}

export const contextKey = (owner: AssessmentOwner) => `context:${owner.platform}:${owner.userId}`;

export const DATA_ACTIONS = ["data.delete", "data.keep"] as const;
export type DataAction = (typeof DATA_ACTIONS)[number];

/**
 * "Delete my data": asks once, then removes every record the store holds about the user
 * (conversation memory, assessment in progress, results). Delivery claims hold no user data.
 */
export class UserData {
  constructor(
    private readonly store: Store,
    private readonly assessments: AssessmentRecords,
  ) {}

  confirm(locale: Locale): Reply {
    const m = messages(locale).data;
    return privateReply(
      [
        { type: "text", text: m.confirm },
        {
          type: "buttons",
          buttons: [
            { label: m.yes, actionId: "data.delete", value: "all", style: "danger" },
            { label: m.no, actionId: "data.keep", value: "" },
          ],
        },
      ],
      locale,
    );
  }

  async onAction(owner: AssessmentOwner, action: DataAction, locale: Locale): Promise<Reply> {
    const m = messages(locale).data;
    if (action === "data.keep") return reply([{ type: "text", text: m.cancelled }], { private: true });
    await Promise.all([this.store.delete(contextKey(owner)), this.assessments.deleteAll(owner)]);
    return reply([{ type: "text", text: m.done }], { private: true });
  }
}
