import type { Locale } from "../catalog/schema.js";

/** Who is speaking and where, in terms every platform can fill. */
export interface Speaker {
  platform: string;
  userId: string;
  conversationId: string;
  /** The locale the platform reports for the user, if any. */
  locale?: Locale;
  /** The platform's id for this delivery; a retried delivery carries the same id. */
  deliveryId?: string;
}

export interface IncomingMessage extends Speaker {
  text: string;
  /** Answer in this language whatever the text's (the CLI's --locale). */
  replyLocale?: Locale;
}

/** A pressed button: the action id and value the core put on it, nothing platform-specific. */
export interface IncomingAction extends Speaker {
  actionId: string;
  value: string;
}
