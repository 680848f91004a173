import { privateReply } from "../answers/private-reply.js";
import { reply, type Reply } from "../answers/reply.js";
import type { Locale } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import type { DataSubject, UserErasure } from "../privacy/user-erasure.js";
import { fold } from "../understanding/normalize.js";

export const DATA_ACTIONS = ["data.delete", "data.keep"] as const;
export type DataAction = (typeof DATA_ACTIONS)[number];

/** How long after the question a typed answer is taken for it: a "yes" much later is about something else. */
const TYPED_ANSWER_MS = 10 * 60_000;
const DELETE = "(?:supprime|supprimer|supprimez|efface|effacer|delete|erase)";
const ALL = "(?:tout|everything|all|it|les|mes donnees|my data)";
/** Folded: "oui", "yes", "ok, delete", "oui supprime", and the button's own words ("Tout supprimer", "Delete everything"). */
const YES = new RegExp(`^(?:(?:oui|yes|yep|yeah|ok|okay|d accord|sure|je confirme|confirme|confirmer|confirm|vas y|go ahead)(?: ${DELETE})?(?: ${ALL})?|(?:tout )?${DELETE}(?: ${ALL})?)$`);
const NO = /^(?:non|no|nope|non merci|no thanks|annuler|annule|cancel|garder|garde|keep|keep my data|garder mes donnees|ne supprime pas|ne supprime rien|don t delete|do not delete|laisse tomber|never mind|nevermind)$/;

/**
 * A typed answer to "delete all your data?", taken as its buttons are; only right after the question
 * was asked (`askedAt`), so that a "yes" or an "ok" at any other time deletes nothing.
 */
export function typedDeletionAnswer(text: string, askedAt: number | undefined, now: Date): DataAction | undefined {
  if (askedAt === undefined || now.getTime() - askedAt > TYPED_ANSWER_MS) return undefined;
  const folded = fold(text);
  return YES.test(folded) ? "data.delete" : NO.test(folded) ? "data.keep" : undefined;
}

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
