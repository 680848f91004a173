import type { Locale } from "../catalog/schema.js";
import type { ConversationAddress } from "../outbound/outbound.js";

/** Where a message was said, as the outbound port addresses it, and whether others can read there. */
export interface Place {
  address: ConversationAddress;
  /** A channel, a group chat: more people than the user and the bot. */
  shared: boolean;
}

/** Who is speaking and where, in terms every platform can fill. */
export interface Speaker {
  platform: string;
  userId: string;
  conversationId: string;
  /** The locale the platform reports for the user, if any. */
  locale?: Locale;
  /** The platform's id for this delivery; a retried delivery carries the same id. */
  deliveryId?: string;
  /** The user's IANA time zone ("Europe/Paris"), when the platform gives it: dates they say are read there. */
  timeZone?: string;
  /** Where this was said, when the adapter can tell: team surveys are posted there. */
  place?: Place;
}

export interface IncomingMessage extends Speaker {
  text: string;
  /** Answer in this language whatever the text's (the CLI's --locale). */
  replyLocale?: Locale;
  /**
   * A single question with no conversation after it (`parcours ask`): nothing that waits for an
   * answer is started, and nothing is remembered for a next message.
   */
  oneOff?: boolean;
}

/** A pressed button: the action id and value the core put on it, nothing platform-specific. */
export interface IncomingAction extends Speaker {
  actionId: string;
  value: string;
}
