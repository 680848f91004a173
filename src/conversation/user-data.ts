import { privateReply } from "../answers/private-reply.js";
import { reply, type Reply } from "../answers/reply.js";
import type { Locale } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import type { DataSubject, UserErasure } from "../privacy/user-erasure.js";

export const DATA_ACTIONS = ["data.delete", "data.keep"] as const;
export type DataAction = (typeof DATA_ACTIONS)[number];

/**
 * "Delete my data": asks once, then removes everything every module keeps about the user
 * (conversation state, flows, results, addresses, platform caches and files). Delivery claims
 * hold no user data.
 */
export class UserData {
  constructor(private readonly erasure: UserErasure) {}

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

  async onAction(subject: DataSubject, action: DataAction, locale: Locale): Promise<Reply> {
    const m = messages(locale).data;
    if (action === "data.keep") return reply([{ type: "text", text: m.cancelled }], { private: true });
    await this.erasure.erase(subject);
    return reply([{ type: "text", text: m.done }], { private: true });
  }
}
