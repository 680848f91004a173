import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What the gauges read when scraped; a source that fails reads as NaN, and the scrape goes on. */
export interface MetricSources {
  /** Conversations in a flow (assessment, survey answer, form) that has not expired. */
  flowsActive?: () => Promise<number>;
  /** Jobs due and not yet taken, and how long the oldest of them has waited. */
  backlog?: () => Promise<{ waiting: number; oldestWaitingMs: number | undefined }>;
}

/** Answer times in seconds: most answers take milliseconds; a phrased one can take the model's seconds. */
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Parcours' metrics in Prometheus' format (prom-client), one registry per Parcours so that several
 * in one process (tests) never share counters. Labels are platforms, intents, statuses and
 * reasons, never a person, a channel or a text.
 */
export class ParcoursMetrics {
  readonly registry = new Registry();
  private readonly registers = [this.registry];

  readonly messages = new Counter({ name: "parcours_messages_total", help: "Messages answered, by platform and understood intent", labelNames: ["platform", "intent"] as const, registers: this.registers });
  readonly unknownQuestions = new Counter({ name: "parcours_unknown_questions_total", help: "Messages not understood (the unknown-question rate is this over parcours_messages_total)", labelNames: ["platform"] as const, registers: this.registers });
  readonly answerSeconds = new Histogram({ name: "parcours_answer_duration_seconds", help: "Time from a message's arrival in the core to its answer", labelNames: ["platform"] as const, buckets: ANSWER_BUCKETS, registers: this.registers });
  readonly phrasingFallbacks = new Counter({ name: "parcours_phrasing_fallbacks_total", help: "Phrased answers replaced by the template answer, by reason", labelNames: ["reason"] as const, registers: this.registers });
  readonly surveyResponses = new Counter({ name: "parcours_survey_responses_total", help: "Survey ratings recorded", registers: this.registers });
  readonly deliveries = new Counter({ name: "parcours_deliveries_total", help: "Announcement deliveries settled, by platform, status and reason", labelNames: ["platform", "status", "reason"] as const, registers: this.registers });
  readonly outboundFailures = new Counter({ name: "parcours_outbound_failures_total", help: "Messages a platform refused or did not answer, by platform and reason", labelNames: ["platform", "reason"] as const, registers: this.registers });
  readonly rateLimited = new Counter({ name: "parcours_platform_rate_limited_total", help: "Platform answers of 429 (rate limited)", labelNames: ["platform"] as const, registers: this.registers });

  /** Reads the gauges' sources at each scrape. */
  observe(sources: MetricSources): void {
    const { flowsActive, backlog } = sources;
    const readable = (read: () => Promise<number>) => read().catch(() => Number.NaN);
    if (flowsActive)
      new Gauge({ name: "parcours_flows_active", help: "Conversations in a flow that has not expired (assessments, survey answers, forms)", registers: this.registers, async collect() { this.set(await readable(flowsActive)); } });
    if (backlog) {
      // One read serves both gauges of a scrape.
      let latest: ReturnType<typeof backlog> | undefined;
      const read = () => (latest ??= backlog().finally(() => setImmediate(() => (latest = undefined))));
      new Gauge({ name: "parcours_jobs_waiting", help: "Queued jobs due and not yet taken", registers: this.registers, async collect() { this.set(await readable(async () => (await read()).waiting)); } });
      new Gauge({
        name: "parcours_jobs_oldest_waiting_seconds",
        help: "How long the oldest due job has waited to be taken (0 when none waits)",
        registers: this.registers,
        async collect() { this.set(await readable(async () => ((await read()).oldestWaitingMs ?? 0) / 1000)); },
      });
    }
  }

  /** The process's own (memory, CPU, event-loop delay), for a process that serves. */
  withProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The exposition text and its content type, for /metrics. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
