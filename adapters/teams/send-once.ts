import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import { retryAfterMs } from "./outbound-errors.js";

/**
 * Teams answers a send in well under a second. botbuilder's HTTP client has no time-out of its own,
 * so a send it never answers would hold its announcement job for good; it is given up on instead,
 * and reported as a failure that may have posted (outbound-errors.ts).
 */
export const REQUEST_TIMEOUT_MS = 15_000;

/** As many 429 pauses as botbuilder's own retry policy waits out, before the core hears of it. */
const THROTTLED_RESENDS = 3;

/** The part of @azure/core-rest-pipeline that botbuilder's ConnectorClient sends through, as used here. */
interface PipelineRequest {
  timeout: number;
}
interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
}
interface PipelinePolicy {
  name: string;
  sendRequest(request: PipelineRequest, next: (request: PipelineRequest) => Promise<PipelineResponse>): Promise<PipelineResponse>;
}
interface Pipeline {
  removePolicy(options: { name: string }): unknown[];
  addPolicy(policy: PipelinePolicy, options: { phase: "Retry" }): void;
}

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication["createConnectorFactory"]>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory["create"]>>;

/**
 * Sends a request again only when Teams said it did not take it (429, after the Retry-After it
 * asked for), and gives up on one left unanswered.
 */
function sendOnce(timeoutMs: number): PipelinePolicy {
  return {
    name: "parcoursSendOnce",
    async sendRequest(request, next) {
      if (!request.timeout) request.timeout = timeoutMs;
      for (let resends = 0; ; resends++) {
        const response = await next(request);
        const wait = response.status === 429 ? retryAfterMs(response.headers.get("retry-after")) : undefined;
        if (wait === undefined || resends >= THROTTLED_RESENDS) return response;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
  };
}

/**
 * botbuilder's connector sends through @azure/core-rest-pipeline's default retry policy, which sends
 * a request again after a 5xx, a 408, a connection reset or a socket time-out: a message Teams had
 * posted before the answer was lost would be posted twice, and no one would know. That policy is
 * replaced by sendOnce; what else may be retried is the core's to decide, knowing what it risks
 * (OutboundFailure's `uncertain`). The pipeline is private to the client, hence the check: a
 * botbuilder that moved it fails every call loudly rather than resending blindly.
 */
function withoutBlindResends(connector: ConnectorClient, timeoutMs: number): ConnectorClient {
  const pipeline = (connector as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline || pipeline.removePolicy({ name: "defaultRetryPolicy" }).length !== 1) {
    throw new Error("botbuilder's ConnectorClient no longer has the retry policy send-once.ts replaces: check it before upgrading botbuilder");
  }
  pipeline.addPolicy(sendOnce(timeoutMs), { phase: "Retry" });
  return connector;
}

/** botbuilder's authentication from configuration, whose Bot Connector clients send each request once. */
export class SendOnceAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    super(options);
  }

  override createConnectorFactory(...args: Parameters<ConfigurationBotFrameworkAuthentication["createConnectorFactory"]>): ConnectorFactory {
    const factory = super.createConnectorFactory(...args);
    return { create: async (serviceUrl, audience) => withoutBlindResends(await factory.create(serviceUrl, audience), this.timeoutMs) };
  }
}
