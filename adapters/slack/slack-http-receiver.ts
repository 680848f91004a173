import type { IncomingMessage, ServerResponse } from "node:http";
import { ReceiverMultipleAckError, type AckFn, type App, type Receiver } from "@slack/bolt";
import type { Logger } from "../../src/logging/logger.js";
import { describeError } from "../../src/logging/describe-error.js";
import { BodyTooLarge, readBoundedBody, RequestAborted } from "../../src/service/bounded-body.js";
import { headerOf as header, refuseUnread, type HttpService } from "../../src/service/http-service.js";
import { EVENT_OUTCOME, type EventOutcome } from "./event-outcome.js";
import { payloadProblems } from "./payload-shapes.js";
import { MalformedBody, parseSlackBody } from "./request-body.js";
import { freshSignatureHeaders, validSignature } from "./request-signature.js";

/**
 * Slack's largest bodies are interactions, which carry the message the button was on: 50 blocks
 * of at most 3,000 characters, JSON-escaped then form-encoded. A couple of megabytes hold that
 * many times over; anything larger is not from Slack.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Slack wants an answer within 3 seconds, or it shows the user an error (commands, buttons) or
 * retries the event. https://docs.slack.dev/apis/events-api/#responding
 */
export const ACK_WINDOW_MS = 3_000;

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** The server it is served by, with health, metrics and any other platform. */
  http: HttpService;
  /** The one path of events, commands and interactions. */
  path: string;
  maxBodyBytes?: number;
  ackWindowMs?: number;
  now?: () => number;
}

function retryOf(req: IncomingMessage): { retryNum?: number; retryReason?: string } {
  const num = header(req, "x-slack-retry-num");
  const reason = header(req, "x-slack-retry-reason");
  return { ...(num && /^\d+$/.test(num) ? { retryNum: Number(num) } : {}), ...(reason ? { retryReason: reason } : {}) };
}

/** An acknowledgement's body: nothing, text, or JSON (a slash command may answer in its ack). */
function writeAnswer(res: ServerResponse, status: number, body?: unknown, extraHeaders: Record<string, string> = {}): void {
  if (body === undefined || body === "" || body === null) {
    res.writeHead(status, extraHeaders).end();
  } else if (typeof body === "string") {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...extraHeaders }).end(body);
  } else {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...extraHeaders }).end(JSON.stringify(body));
  }
}

/**
 * Parcours' own HTTP receiver for Bolt, on node:http, in place of Bolt's HTTPReceiver, which reads
 * a whole body (however large) before checking its signature and answers an event nobody
 * acknowledged with a 404 after 3 seconds. In order: the path, the method and the declared length
 * (HttpService), the signature headers (before reading anything), the body up to a limit, the
 * signature, the body's shape; then Slack's handshakes, or the app's listeners.
 * https://docs.slack.dev/tools/bolt-js/concepts/receiver
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private readonly log: Logger;
  private readonly maxBodyBytes: number;
  private readonly ackWindowMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.log = options.logger.child({ component: "receiver" });
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.ackWindowMs = options.ackWindowMs ?? ACK_WINDOW_MS;
    this.now = options.now ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Bolt's app.start(): the path is served from now on, by the shared server. */
  async start(): Promise<void> {
    this.options.http.route(this.options.path, { methods: ["POST"], maxBodyBytes: this.maxBodyBytes, handle: (req, res) => this.handle(req, res) });
  }

  /** The shared server stops taking requests itself; the listeners' work is drained by the adapter. */
  async stop(): Promise<void> {}

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const signed = { timestamp: header(req, "x-slack-request-timestamp"), signature: header(req, "x-slack-signature") };
    if (!freshSignatureHeaders(signed, this.now())) {
      this.log.warn("slack request without a signature or with a stale timestamp refused");
      return refuseUnread(res, 401);
    }
    let raw: Buffer;
    try {
      raw = await readBoundedBody(req, this.maxBodyBytes);
    } catch (error) {
      if (error instanceof RequestAborted) {
        // A client gone mid-request is the network's doing, not a fault here, and nobody is left to answer.
        this.log.debug("client closed the connection before its request was read");
        return;
      }
      if (!(error instanceof BodyTooLarge)) throw error;
      this.log.warn({ limit: this.maxBodyBytes }, "slack request body too large, reading stopped");
      return refuseUnread(res, 413);
    }
    if (!validSignature(this.options.signingSecret, signed, raw)) {
      this.log.warn("slack request with a wrong signature refused");
      return writeAnswer(res, 401);
    }

    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(raw, header(req, "content-type"));
    } catch (error) {
      if (!(error instanceof MalformedBody)) throw error;
      this.log.warn({ problem: error.message }, "malformed slack request refused");
      return writeAnswer(res, error.status);
    }
    if (this.answeredByReceiver(body, res)) return;
    const problems = payloadProblems(body);
    if (problems) {
      this.log.warn({ type: typeof body.type === "string" ? body.type : undefined, problems }, "slack payload of an unexpected shape refused");
      return writeAnswer(res, 400);
    }
    await this.dispatch(body, req, res);
  }

  /** Slack's own handshakes and notices, which no listener sees. */
  private answeredByReceiver(body: Record<string, unknown>, res: ServerResponse): boolean {
    // Slack checks the certificate of a slash command's URL with `ssl_check=1`. https://docs.slack.dev/interactivity/implementing-slash-commands#ssl
    if (body.ssl_check === "1") {
      writeAnswer(res, 200);
      return true;
    }
    // The Request URL's verification, when it is set or changed. https://docs.slack.dev/reference/events/url_verification
    if (body.type === "url_verification") {
      if (typeof body.challenge === "string") writeAnswer(res, 200, { challenge: body.challenge });
      else writeAnswer(res, 400);
      return true;
    }
    // Past 30,000 events an hour in a workspace, Slack sends this instead of events for the rest of
    // the minute; it expects a 200 at once, like any event. https://docs.slack.dev/apis/events-api/#rate-limiting
    if (body.type === "app_rate_limited") {
      this.log.warn({ team: body.team_id, minuteRateLimited: body.minute_rate_limited }, "slack is holding back events: more than 30,000 an hour for this workspace");
      writeAnswer(res, 200);
      return true;
    }
    return false;
  }

  /**
   * Hands the payload to the app. A command's or an interaction's HTTP answer is the first of: the
   * listener's ack (with its body); the app finishing without anyone acknowledging (an action
   * nobody listens to); the end of Slack's 3 seconds. The last two answer an empty 200, so that
   * Slack does not show the user an error.
   *
   * An Events API delivery (a message, a mention) is answered only once its listeners have ended,
   * that is once the user has the answer: a process that dies before then never said 200, so
   * Slack delivers the event again, to a process that lives (its retries come at once, after a
   * minute and after five: https://docs.slack.dev/apis/events-api/#retries). An answer slower than
   * Slack's 3 seconds is retried too, and the core's claim on the event keeps it from being answered
   * twice: the retry is told 503 while the answer is under way, 200 once it is done.
   */
  private async dispatch(body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const event = body.type === "event_callback";
    let answered = false;
    const answer = (status: number, payload?: unknown): boolean => {
      if (answered) return false;
      answered = true;
      clearTimeout(deadline);
      writeAnswer(res, status, payload);
      return true;
    };
    const deadline = event
      ? undefined
      : setTimeout(() => {
          if (answer(200)) this.log.debug({ type: body.type }, "not acknowledged within 3 seconds: answered 200 so that slack does not show an error");
        }, this.ackWindowMs);

    let acknowledged = false;
    const ack: AckFn<unknown> = async (response) => {
      if (acknowledged) throw new ReceiverMultipleAckError();
      acknowledged = true;
      if (!event && !answer(200, response)) this.log.debug("acknowledged after slack had its answer");
    };

    const outcome: EventOutcome = { redeliver: false };
    try {
      await this.app!.processEvent({ body, ack, ...retryOf(req), customProperties: { [EVENT_OUTCOME]: outcome } });
      if (outcome.redeliver) answer(503);
      else if (answer(200) && !event) this.log.debug({ type: body.type }, "no listener acknowledged: answered 200");
    } catch (error) {
      this.log.error({ err: describeError(error) }, "slack request failed");
      answer(500);
    }
  }
}
