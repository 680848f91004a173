import { answer, type AnswerRequest } from "../answers/answer.js";
import { help, plainText } from "../answers/general-answers.js";
import type { Reply } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import { LOCALES, type Locale } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { userRef, type Logger } from "../logging/logger.js";
import type { Phrasing } from "../phrasing/phrasing.js";
import type { Store } from "../store/store.js";
import { fold } from "../understanding/normalize.js";
import { INTENTS, type Understanding } from "../understanding/understanding.js";
import { checkInput } from "./check-input.js";
import type { IncomingAction, IncomingMessage, Speaker } from "./incoming.js";

export interface BotDependencies {
  catalog: RoleCatalog;
  understanding: Understanding;
  store: Store;
  logger: Logger;
  defaultLocale: Locale;
  contextTtlMs: number;
  /** Template wording unless a language model is configured. */
  phrasing?: Phrasing;
}

/** What the bot remembers of a conversation, so "and its skills?" follows the last answer. */
interface ConversationContext {
  locale: Locale;
  roles: string[];
}

/** Platforms retry for minutes at most; an hour of memory covers every retry window. */
const DELIVERY_TTL_MS = 60 * 60 * 1000;
const FOLLOW_UP = /(?:^| )(?:it|its|this role|that role|this job|that job|one|them|they|their|ce metier|ce role|ce poste|ses|son|sa|il|elle|ils|elles|le devenir|l exercer|y arriver)(?= |$)/;

/** The platform-neutral bot: every adapter hands it messages and button presses, and renders its replies. */
export class ParcoursBot {
  constructor(private readonly deps: BotDependencies) {}

  /** Answers a message; `undefined` means this delivery was already handled (a platform retry). */
  async handleMessage(message: IncomingMessage): Promise<Reply | undefined> {
    return this.safely(message, () => this.answerMessage(message));
  }

  /** Answers a button press. Buttons carry the intent and roles, so no understanding is needed. */
  async handleAction(action: IncomingAction): Promise<Reply | undefined> {
    return this.safely(action, () => this.answerAction(action));
  }

  /** A failure becomes a sentence in the user's language and a log line, never a stack trace in chat. */
  private async safely(speaker: Speaker, work: () => Promise<Reply | undefined>): Promise<Reply | undefined> {
    try {
      return await work();
    } catch (error) {
      this.deps.logger.error({ platform: speaker.platform, err: error }, "handling failed");
      return plainText(messages(speaker.locale ?? this.deps.defaultLocale).error);
    }
  }

  private async answerMessage(message: IncomingMessage): Promise<Reply | undefined> {
    if (!(await this.firstDelivery(message))) return undefined;
    const context = await this.context(message);
    const checked = checkInput(message.text);
    const fallbackLocale = message.locale ?? context?.locale ?? this.deps.defaultLocale;
    if (!checked.ok) return plainText(checked.problem(messages(fallbackLocale)));

    const understood = this.deps.understanding.understand(checked.text, { fallbackLocale });
    let { intent, roles } = understood;
    if (understood.unresolvedRoleIntent && context && FOLLOW_UP.test(fold(checked.text))) {
      intent = understood.unresolvedRoleIntent;
      roles = context.roles.slice(0, 1);
    }
    this.deps.logger.info(
      { platform: message.platform, user: userRef(message.platform, message.userId), intent, roles, locale: understood.locale, confidence: understood.confidence },
      "message understood",
    );
    return this.respond(message, { intent, roles, locale: understood.locale, suggestions: understood.suggestions });
  }

  private async answerAction(action: IncomingAction): Promise<Reply | undefined> {
    if (!(await this.firstDelivery(action))) return undefined;
    const context = await this.context(action);
    const locale = action.locale ?? context?.locale ?? this.deps.defaultLocale;
    const intent = INTENTS.find((i) => i === action.actionId);
    const roles = action.value.split(",").filter(Boolean);
    const known = intent && roles.every((id) => this.deps.catalog.find(id));
    this.deps.logger.info({ platform: action.platform, user: userRef(action.platform, action.userId), action: action.actionId, known: Boolean(known) }, "action received");
    if (!intent || !known) {
      const fallback = help(locale);
      return { ...fallback, blocks: [{ type: "text", text: messages(locale).unknownAction }, ...fallback.blocks] };
    }
    return this.respond(action, { intent, roles, locale });
  }

  private async respond(speaker: Speaker, request: AnswerRequest): Promise<Reply> {
    if (request.roles.length > 0) {
      await this.deps.store.set<ConversationContext>(contextKey(speaker), { locale: request.locale, roles: [...request.roles] }, this.deps.contextTtlMs);
    }
    const reply = answer(this.deps.catalog, request);
    return this.deps.phrasing ? this.deps.phrasing.phrase(request, reply) : reply;
  }

  private async firstDelivery(speaker: Speaker): Promise<boolean> {
    if (!speaker.deliveryId) return true;
    const first = await this.deps.store.claim(`delivery:${speaker.platform}:${speaker.deliveryId}`, DELIVERY_TTL_MS);
    if (!first) this.deps.logger.info({ platform: speaker.platform }, "duplicate delivery ignored");
    return first;
  }

  private async context(speaker: Speaker): Promise<ConversationContext | undefined> {
    const context = await this.deps.store.get<ConversationContext>(contextKey(speaker));
    return context && (LOCALES as readonly string[]).includes(context.locale) ? context : undefined;
  }
}

function contextKey(speaker: Speaker): string {
  return `context:${speaker.platform}:${speaker.conversationId}:${speaker.userId}`;
}
