import type { ParcoursMetrics } from "../metrics/parcours-metrics.js";
import { OutboundError, type OutboundPort } from "./outbound.js";

/**
 * The platforms the core can reach on its own, one port each, registered by the adapters as they
 * start: surveys, reminders and announcements go through whichever their recipients are on.
 * Every refusal a port gives back (a 429 among them) is counted on its way to the caller.
 */
export class OutboundPorts {
  private readonly ports = new Map<string, OutboundPort>();

  constructor(private readonly metrics?: ParcoursMetrics) {}

  register(port: OutboundPort): void {
    this.ports.set(port.platform, this.metrics ? counted(port, this.metrics) : port);
  }

  /** The port of a platform, or undefined when that platform is not running in this process. */
  of(platform: string): OutboundPort | undefined {
    return this.ports.get(platform);
  }

  platforms(): string[] {
    return [...this.ports.keys()];
  }
}

/** The port itself (its fan-out and listing included), with its sending calls counting their refusals. */
function counted(port: OutboundPort, metrics: ParcoursMetrics): OutboundPort {
  const count = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      call.apply(port, args).catch((error: unknown) => {
        if (error instanceof OutboundError) {
          metrics.outboundFailures.inc({ platform: port.platform, reason: error.failure.reason });
          if (error.failure.reason === "rate-limited") metrics.rateLimited.inc({ platform: port.platform });
        }
        throw error;
      });
  return Object.assign(Object.create(port) as OutboundPort, {
    post: count(port.post),
    update: count(port.update),
    openPrivateConversation: count(port.openPrivateConversation),
  });
}
