import type { Activity } from "botbuilder";
import type { Locale } from "../../src/catalog/schema.js";
import type { IncomingAction, IncomingMessage, Speaker } from "../../src/conversation/incoming.js";
import { toLocale } from "../shared/locale.js";
import { channelConversationId, PLATFORM } from "./conversation-address.js";
import { submittedForm } from "./form-card.js";

export { PLATFORM };

/**
 * Teams reports the client's language as `locale` ("fr-FR"), on message activities and, for
 * installs, often only in the `clientInfo` entity. Anything else is left to the text's language.
 */
export function localeOf(activity: Partial<Activity>): Locale | undefined {
  return toLocale(localeTagOf(activity));
}

/** The client's language tag as Teams gave it ("fr-FR"), where localeOf finds it. */
export function localeTagOf(activity: Partial<Activity>): string | undefined {
  const clientInfo = activity.entities?.find((entity) => entity.type === "clientInfo") as { locale?: unknown } | undefined;
  return activity.locale ?? (typeof clientInfo?.locale === "string" ? clientInfo.locale : undefined);
}

/**
 * The sender in terms the core understands. The Entra object id stays the same for a person
 * across chats and channels, where the Bot Framework id differs per bot; it is preferred when present.
 * A retried delivery carries the same activity id, which the core de-duplicates on.
 */
export function speakerOf(activity: Partial<Activity>): Speaker {
  const locale = localeOf(activity);
  return {
    platform: PLATFORM,
    userId: activity.from?.aadObjectId ?? activity.from?.id ?? "unknown",
    conversationId: activity.conversation?.id ?? "unknown",
    ...(locale ? { locale } : {}),
    ...(activity.id ? { deliveryId: activity.id } : {}),
    // The client's own zone ("Europe/Paris"): a deadline the user says is read there.
    ...(typeof activity.localTimezone === "string" && activity.localTimezone ? { timeZone: activity.localTimezone } : {}),
    ...(activity.conversation?.id
      ? { place: { address: { platform: PLATFORM, conversationId: channelConversationId(activity.conversation.id) }, shared: activity.conversation.conversationType !== "personal" } }
      : {}),
  };
}

/** `text` must already be stripped of the bot's @mention. */
export function toIncomingMessage(activity: Partial<Activity>, text: string): IncomingMessage {
  return { ...speakerOf(activity), text };
}

/**
 * A card button's payload. Parcours' own cards carry `{ actionId, value }`; anything else (a card
 * from an older version, a hand-made one) still reaches the core, which answers it politely.
 * A form's submit also carries its inputs: the value is then the JSON of a FormSubmission, whose
 * context is the button's own value.
 */
export function cardAction(data: unknown, fallbackActionId = ""): { actionId: string; value: string } {
  const record = data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const value = typeof record.value === "string" ? record.value : "";
  const form = submittedForm(record, value);
  return {
    actionId: typeof record.actionId === "string" && record.actionId ? record.actionId : fallbackActionId,
    value: form ? JSON.stringify(form) : value,
  };
}

/** A card submit arrives as a message whose `value` is the button's `data`. */
export function isCardSubmit(activity: Partial<Activity>): boolean {
  return Boolean(activity.value && typeof activity.value === "object") && !activity.text?.trim();
}

/** From `Action.Submit` (a message with a value) or `Action.Execute` (an `adaptiveCard/action` invoke). */
export function toIncomingAction(activity: Partial<Activity>): IncomingAction {
  if (activity.type === "invoke") {
    const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    return { ...speakerOf(activity), ...cardAction(action?.data, typeof action?.verb === "string" ? action.verb : undefined) };
  }
  return { ...speakerOf(activity), ...cardAction(activity.value) };
}
