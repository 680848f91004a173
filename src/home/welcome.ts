import { help } from "../answers/general-answers.js";
import type { Reply } from "../answers/reply.js";
import type { Locale } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";

/**
 * What Parcours says when it is installed somewhere, before anyone asked anything: a greeting and
 * what it can do. The core owns it, so every platform welcomes people with the same words.
 */
export function welcomeReply(locale: Locale): Reply {
  return help(locale, messages(locale).greeting);
}
