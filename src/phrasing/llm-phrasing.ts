import type { AnswerRequest } from "../answers/answer.js";
import type { Reply } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Logger } from "../logging/logger.js";
import type { StateStore } from "../store/state-store.js";
import { LOCALES, type Locale } from "../catalog/schema.js";
import { answerProblems, instructionLike, type AnswerProblem } from "./answer-checks.js";
import { phrasingCacheKey } from "./cache-key.js";
import { CatalogueTerms } from "./catalogue-terms.js";
import { factOwners, factsFor, type Fact } from "./fact-list.js";
import { catalogueWordsOf, publishersOf, SlottedFacts } from "./fact-slots.js";
import { PhrasingVocabulary } from "./phrasing-vocabulary.js";
import { z } from "zod";
import type { ModelConnection } from "./model-client.js";
import { askModel, type PhrasedAnswer } from "./phrasing-model.js";
import type { PromptSet } from "./phrasing-prompts.js";
import type { ParcoursMetrics } from "../metrics/parcours-metrics.js";
import { PhrasingStats, type FallbackReason } from "./phrasing-stats.js";
import { withPhrasedAnswer } from "./phrased-reply.js";
import type { Phrasing } from "./phrasing.js";

export interface LlmPhrasingOptions {
  catalog: RoleCatalog;
  store: StateStore;
  logger: Logger;
  connection: ModelConnection;
  prompts: PromptSet;
  timeoutMs: number;
  cacheTtlMs: number;
  temperature?: number;
  /** Fallbacks by reason are exposed on /metrics as well as counted in `stats`. */
  metrics?: ParcoursMetrics;
}

/** What is cached: the answer as shown (slots filled), the facts its sentences restate, and the links it may keep. */
const cachedAnswerSchema = z.object({ text: z.string().min(1), factIds: z.array(z.string()), links: z.array(z.string()) });
type CachedAnswer = z.infer<typeof cachedAnswerSchema>;

/** What one attempt gave: a checked answer, or the reason the template stays. */
export type PhrasingAttempt =
  | { ok: true; answer: PhrasedAnswer; shown: CachedAnswer; facts: readonly Fact[]; latencyMs: number }
  | { ok: false; reason: FallbackReason; detail: string; facts: readonly Fact[]; latencyMs: number; problems?: AnswerProblem[]; answer?: PhrasedAnswer };

/**
 * Rewords role answers with a language model, under checks: the model sees only the locale, the
 * intent and the facts the template answer is built from, with their figures, names and links as
 * slots it places and Parcours fills. It answers in sentences, each citing its facts, and the
 * answer is shown only if every sentence passes the checks against its own facts
 * (sentence-checks.ts). Anything else — a failed check, a refusal, an error, a time-out — leaves
 * the template reply exactly as it was.
 */
export class LlmPhrasing implements Phrasing {
  readonly stats = new PhrasingStats();
  private readonly terms: CatalogueTerms;
  private readonly catalogueWords: Set<string>;
  private readonly publishers: string[];
  private readonly vocabularies: Record<Locale, PhrasingVocabulary>;

  constructor(private readonly options: LlmPhrasingOptions) {
    this.terms = new CatalogueTerms(options.catalog);
    this.catalogueWords = catalogueWordsOf(options.catalog);
    this.publishers = publishersOf(options.catalog);
    this.vocabularies = Object.fromEntries(
      LOCALES.map((locale) => [locale, new PhrasingVocabulary(options.catalog, locale)]),
    ) as Record<Locale, PhrasingVocabulary>;
  }

  get model(): string {
    return this.options.connection.model;
  }

  async phrase(request: AnswerRequest, reply: Reply): Promise<Reply> {
    try {
      return await this.phraseChecked(request, reply);
    } catch (error) {
      this.fellBack(request, "internal-error", error instanceof Error ? error.message : String(error), 0);
      return reply;
    }
  }

  private async phraseChecked(request: AnswerRequest, reply: Reply): Promise<Reply> {
    const facts = factsFor(this.options.catalog, request);
    if (!facts || facts.length === 0) {
      this.stats.skipped++;
      return reply;
    }
    const prompt = this.options.prompts[request.locale];
    const key = phrasingCacheKey({ facts, intent: request.intent, locale: request.locale, promptVersion: prompt.version, model: this.model });
    const cached = cachedAnswerSchema.safeParse(await this.options.store.get<unknown>(key));
    if (cached.success) {
      this.stats.cached++;
      return withPhrasedAnswer(reply, cached.data.text, cached.data.links);
    }
    const attempt = await this.attempt(request, facts);
    if (!attempt.ok) {
      this.fellBack(request, attempt.reason, attempt.detail, attempt.latencyMs);
      return reply;
    }
    const phrased = withPhrasedAnswer(reply, attempt.shown.text, attempt.shown.links);
    await this.options.store.set(key, attempt.shown, this.options.cacheTtlMs);
    this.stats.phrased++;
    this.options.logger.info(
      { intent: request.intent, locale: request.locale, roles: request.roles, model: this.model, prompt: prompt.version, latencyMs: attempt.latencyMs, usedFacts: attempt.shown.factIds.length },
      "answer phrased",
    );
    return phrased;
  }

  /** One uncached model call and its checks; the evaluation calls this directly. */
  async attempt(request: AnswerRequest, facts: readonly Fact[] = factsFor(this.options.catalog, request) ?? []): Promise<PhrasingAttempt> {
    const prompt = this.options.prompts[request.locale];
    const slotted = new SlottedFacts(this.sendable(request, facts), this.catalogueWords, this.publishers);
    const started = performance.now();
    const outcome = await askModel(
      this.options.connection,
      { prompt, locale: request.locale, intent: request.intent, facts: slotted.facts },
      { timeoutMs: this.options.timeoutMs, temperature: this.options.temperature },
    );
    const latencyMs = Math.round(performance.now() - started);
    if (!outcome.ok) return { ok: false, reason: outcome.reason, detail: outcome.detail, facts, latencyMs };
    const problems = answerProblems(outcome.answer, {
      slotted,
      locale: request.locale,
      terms: this.terms,
      vocabulary: this.vocabularies[request.locale],
      ownersOf: factOwners(this.options.catalog, request.roles),
      roleIds: request.roles,
      comparing: request.intent === "role.compare",
    });
    const [first] = problems;
    if (first) return { ok: false, reason: first.reason, detail: first.detail, facts, latencyMs, problems, answer: outcome.answer };
    // Coverage counts the facts of sentences that passed, each checked as used.
    const factIds = [...new Set(outcome.answer.sentences.flatMap((sentence) => sentence.fact_ids))];
    const text = slotted.fill(outcome.answer.sentences.map((sentence) => sentence.text.trim()).join(" "));
    return { ok: true, answer: outcome.answer, shown: { text, factIds, links: slotted.links }, facts, latencyMs };
  }

  /** A fact that reads as an order to the model is not sent: catalogue text is data, never instructions. */
  private sendable(request: AnswerRequest, facts: readonly Fact[]): Fact[] {
    const withheld = facts.filter((fact) => instructionLike(fact.text));
    if (withheld.length > 0) {
      this.options.logger.warn({ intent: request.intent, roles: request.roles, facts: withheld.map((fact) => fact.id) }, "catalogue facts that read as instructions were not sent to the language model");
    }
    return facts.filter((fact) => !withheld.includes(fact));
  }

  /** Logged without any user text: the user's words never reach this class. */
  private fellBack(request: AnswerRequest, reason: FallbackReason, detail: string, latencyMs: number): void {
    this.stats.fellBack(reason);
    this.options.metrics?.phrasingFallbacks.inc({ reason });
    this.options.logger.warn(
      { intent: request.intent, locale: request.locale, roles: request.roles, model: this.model, reason, detail, latencyMs },
      "phrasing fell back to the template answer",
    );
  }
}
