import type { AnswerRequest } from "../answers/answer.js";
import type { Reply } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Logger } from "../logging/logger.js";
import type { StateStore } from "../store/state-store.js";
import { answerProblems, type AnswerProblem } from "./answer-checks.js";
import { phrasingCacheKey } from "./cache-key.js";
import { CatalogueTerms } from "./catalogue-terms.js";
import { factsFor, type Fact } from "./fact-list.js";
import type { ModelConnection } from "./model-client.js";
import { askModel, phrasedAnswerSchema, type PhrasedAnswer } from "./phrasing-model.js";
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

/** What one attempt gave: a checked answer, or the reason the template stays. */
export type PhrasingAttempt =
  | { ok: true; answer: PhrasedAnswer; facts: readonly Fact[]; latencyMs: number }
  | { ok: false; reason: FallbackReason; detail: string; facts: readonly Fact[]; latencyMs: number; problems?: AnswerProblem[]; answer?: PhrasedAnswer };

/**
 * Rewords role answers with a language model, under checks: the model sees only the locale, the
 * intent and the facts the template answer is built from, and its answer is shown only if every
 * figure, name, link and address in it comes from those facts. Anything else — a failed check, a
 * refusal, an error, a time-out — leaves the template reply exactly as it was.
 */
export class LlmPhrasing implements Phrasing {
  readonly stats = new PhrasingStats();
  private readonly terms: CatalogueTerms;

  constructor(private readonly options: LlmPhrasingOptions) {
    this.terms = new CatalogueTerms(options.catalog);
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
    const cached = phrasedAnswerSchema.safeParse(await this.options.store.get<unknown>(key));
    if (cached.success) {
      this.stats.cached++;
      return withPhrasedAnswer(reply, cached.data.answer.trim());
    }
    const attempt = await this.attempt(request, facts);
    if (!attempt.ok) {
      this.fellBack(request, attempt.reason, attempt.detail, attempt.latencyMs);
      return reply;
    }
    const phrased = withPhrasedAnswer(reply, attempt.answer.answer.trim());
    await this.options.store.set(key, attempt.answer, this.options.cacheTtlMs);
    this.stats.phrased++;
    this.options.logger.info(
      { intent: request.intent, locale: request.locale, roles: request.roles, model: this.model, prompt: prompt.version, latencyMs: attempt.latencyMs, usedFacts: attempt.answer.used_fact_ids.length },
      "answer phrased",
    );
    return phrased;
  }

  /** One uncached model call and its checks; the evaluation calls this directly. */
  async attempt(request: AnswerRequest, facts: readonly Fact[] = factsFor(this.options.catalog, request) ?? []): Promise<PhrasingAttempt> {
    const prompt = this.options.prompts[request.locale];
    const started = performance.now();
    const outcome = await askModel(
      this.options.connection,
      { prompt, locale: request.locale, intent: request.intent, facts },
      { timeoutMs: this.options.timeoutMs, temperature: this.options.temperature },
    );
    const latencyMs = Math.round(performance.now() - started);
    if (!outcome.ok) return { ok: false, reason: outcome.reason, detail: outcome.detail, facts, latencyMs };
    const problems = answerProblems(outcome.answer, { facts, locale: request.locale, roleIds: request.roles, terms: this.terms });
    const [first] = problems;
    if (first) return { ok: false, reason: first.reason, detail: first.detail, facts, latencyMs, problems, answer: outcome.answer };
    return { ok: true, answer: outcome.answer, facts, latencyMs };
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
