import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One activity the bot sent to the Bot Connector service, as the service received it. */
export interface SentActivity {
  conversationId: string;
  /** Set when the bot replied to an activity (`POST …/activities/{replyToId}`). */
  replyToId?: string;
  authorization?: string;
  activity: Record<string, any>;
}

/** A conversation the bot asked the service to create (`POST /v3/conversations`). */
export interface CreatedConversation {
  id: string;
  parameters: Record<string, any>;
}

/** A message the bot replaced (`PUT /v3/conversations/{id}/activities/{activityId}`). */
export interface UpdatedActivity {
  conversationId: string;
  activityId: string;
  activity: Record<string, any>;
}

/** A roster entry as `GET …/pagedmembers` answers it: people carry their Entra id as `objectId`. */
export interface RosterMember {
  id: string;
  objectId?: string;
  userRole?: "user" | "guest" | "anonymous";
  [field: string]: unknown;
}

/** What the fake serves, by route, so that a test can make one of them refuse. */
export type ConnectorRoute = "send" | "create" | "update" | "members";

/**
 * A refusal as the Bot Connector service answers it: a status, and an `{ error: { code, message } }` body:
 * https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability#status-codes-from-bot-conversational-apis
 */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  /** Sent as the Retry-After header, as Teams does with a 429. */
  retryAfter?: string;
}

export const REFUSALS = {
  blockedByUser: { status: 403, code: "ConversationBlockedByUser", message: "User blocked the conversation with the bot." },
  notInRoster: { status: 403, code: "BotNotInConversationRoster", message: "The bot isn't part of the conversation roster." },
  disabledByAdmin: { status: 403, code: "BotDisabledByAdmin", message: "The tenant admin disabled this bot" },
  notInstalledForUser: { status: 403, code: "ForbiddenOperationException", message: "Bot isn't installed in user's personal scope" },
  conversationNotFound: { status: 404, code: "ConversationNotFound", message: "Conversation not found." },
  activityNotFound: { status: 404, code: "ActivityNotFoundInConversation", message: "Conversation not found." },
  preconditionFailed: { status: 412, code: "PreconditionFailed", message: "Precondition failed, please try again." },
  throttled: { status: 429, code: "Throttled", message: "Too many requests." },
  messageTooBig: { status: 413, code: "MessageSizeTooBig", message: "Message size too large." },
  badArgument: { status: 400, code: "BadArgument", message: "Unknown activity type." },
  internalError: { status: 500, code: "ServiceError", message: "Internal server error." },
  badGateway: { status: 502, code: "ServiceError", message: "Bad gateway." },
  unavailable: { status: 503, code: "ServiceUnavailable", message: "Service unavailable." },
  gatewayTimeout: { status: 504, code: "GatewayTimeout", message: "Gateway timeout." },
} satisfies Record<string, Refusal>;

/**
 * What the fake does instead of serving a request: answers a refusal, or loses the answer: holds it
 * until the client gives up (`hang`) or cuts the connection (`reset`). A lost send may have been
 * `delivered` first, as when Teams posted the message and its answer never came back.
 */
export type Fault = Refusal | { lost: "hang" | "reset"; delivered: boolean };

/** Where a fault applies: a route (every route by default), one conversation (every one by default), the next `times` requests (every one by default). */
export interface FaultScope {
  route?: ConnectorRoute;
  conversationId?: string;
  times?: number;
}

/**
 * Teams' limits for a bot, per second: across the tenant (the whole fake) and in one conversation.
 * Every route counts, rosters included, as in Teams:
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 */
export interface RateLimit {
  perSecond?: number;
  perConversationPerSecond?: number;
}

interface FaultRule extends FaultScope {
  fault: Fault;
  remaining: number;
}

interface Answer {
  status: number;
  body: unknown;
}

const WINDOW_MS = 1000;

interface Route {
  name: ConnectorRoute;
  conversationId: string;
  activityId?: string;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const CONVERSATIONS = /^\/v3\/conversations\/?$/;
const PAGED_MEMBERS = /^\/v3\/conversations\/([^/]+)\/pagedmembers\/?$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));

/**
 * A small stand-in for the Bot Connector service (smba.trafficmanager.net): the activity's
 * `serviceUrl` points here; it records what the bot sends, creates and replaces, serves rosters a
 * page at a time, refuses or loses requests as Teams would when told to, and, given a rate limit,
 * answers 429 with a Retry-After to requests over it.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
 */
export class FakeBotConnector {
  readonly sent: SentActivity[] = [];
  readonly created: CreatedConversation[] = [];
  readonly updated: UpdatedActivity[] = [];
  readonly unexpected: string[] = [];
  /** Every request on each route, refused ones included (botbuilder retries some refusals itself). */
  readonly attempts: Record<ConnectorRoute, number> = { send: 0, create: 0, update: 0, members: 0 };
  /** Members of each conversation or team, by id. */
  readonly rosters = new Map<string, RosterMember[]>();
  /** The page size the service grants at most, whatever the bot asks for (Teams: 500). */
  maxPageSize = 500;
  /**
   * The id the service gives the n-th message sent (from 1). Teams gives a channel message a
   * numeric id, which then names its thread ("19:…@thread.tacv2;messageid=1741…").
   */
  activityId: (n: number) => string = (n) => `sent-${n}`;
  /** The continuation tokens the bot presented, in order. */
  readonly pageTokens: (string | null)[] = [];
  /** Enforced when set, from the next request on. */
  rateLimit: RateLimit | undefined;
  /** Requests answered 429 for going over `rateLimit`. */
  throttled = 0;
  private readonly faults: FaultRule[] = [];
  /** When the requests of the last second were served: across the tenant, and per conversation. */
  private readonly recent: number[] = [];
  private readonly recentIn = new Map<string, number[]>();
  private server?: Server;
  url = "";

  /** Refuses every request on `route` from now on, until `accept(route)`. */
  refuse(route: ConnectorRoute, refusal: Refusal): void {
    this.inject(refusal, { route });
  }

  /** Makes the requests in `scope` fail with `fault`, until `accept` or for the next `scope.times` of them. */
  inject(fault: Fault, scope: FaultScope = {}): void {
    this.faults.push({ ...scope, fault, remaining: scope.times ?? Infinity });
  }

  /** Ends the faults on `route` (those given for every route too), or every fault. */
  accept(route?: ConnectorRoute): void {
    const kept = this.faults.filter((rule) => route && rule.route && rule.route !== route);
    this.faults.splice(0, this.faults.length, ...kept);
  }

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", "http://connector");
      const route = this.routeOf(req.method ?? "", url.pathname);
      if (!route) {
        this.unexpected.push(`${req.method} ${req.url}`);
        res.writeHead(404).end();
        return;
      }
      this.attempts[route.name]++;
      const retryAfter = this.overRate(route.conversationId);
      if (retryAfter) {
        this.throttled++;
        json(res, 429, { error: { code: REFUSALS.throttled.code, message: REFUSALS.throttled.message } }, { "retry-after": retryAfter });
        return;
      }
      const fault = this.faultFor(route.name, route.conversationId);
      if (fault && "lost" in fault) {
        if (fault.delivered) this.serve(route, body, req, url);
        // A hung request stays open until the client gives up (or the fake stops).
        if (fault.lost === "reset") req.socket.destroy();
      } else if (fault) {
        json(res, fault.status, { error: { code: fault.code, message: fault.message } }, fault.retryAfter ? { "retry-after": fault.retryAfter } : {});
      } else {
        const answer = this.serve(route, body, req, url);
        json(res, answer.status, answer.body);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Records what the request asks for and says how the service answers. */
  private serve(route: Route, body: string, req: IncomingMessage, url: URL): Answer {
    if (route.name === "create") return this.createConversation(JSON.parse(body));
    if (route.name === "members") return this.members(route.conversationId, url.searchParams);
    if (route.name === "update") {
      this.updated.push({ conversationId: route.conversationId, activityId: route.activityId!, activity: JSON.parse(body) });
      return { status: 200, body: { id: route.activityId } };
    }
    const record: SentActivity = { conversationId: route.conversationId, activity: JSON.parse(body) };
    if (route.activityId) record.replyToId = route.activityId;
    if (req.headers.authorization) record.authorization = req.headers.authorization;
    this.sent.push(record);
    return { status: 200, body: { id: this.activityId(this.sent.length) } };
  }

  private faultFor(route: ConnectorRoute, conversationId: string): Fault | undefined {
    const index = this.faults.findIndex((rule) => (!rule.route || rule.route === route) && (rule.conversationId === undefined || rule.conversationId === conversationId));
    const rule = this.faults[index];
    if (!rule) return undefined;
    if (--rule.remaining <= 0) this.faults.splice(index, 1);
    return rule.fault;
  }

  /**
   * The Retry-After, in whole seconds, for a request over the rate limit; undefined when it is
   * served, and then counted. Only served requests count, so no window ever holds more than its limit.
   */
  private overRate(conversationId: string): string | undefined {
    if (!this.rateLimit) return undefined;
    const now = Date.now();
    const windows: [number[], number | undefined][] = [[this.recent, this.rateLimit.perSecond]];
    if (conversationId) {
      if (!this.recentIn.has(conversationId)) this.recentIn.set(conversationId, []);
      windows.push([this.recentIn.get(conversationId)!, this.rateLimit.perConversationPerSecond]);
    }
    for (const [times] of windows) while (times.length && times[0]! <= now - WINDOW_MS) times.shift();
    const full = windows.filter(([times, limit]) => limit !== undefined && times.length >= limit);
    if (full.length) {
      const freeAt = Math.max(...full.map(([times]) => times[0]! + WINDOW_MS));
      return String(Math.max(1, Math.ceil((freeAt - now) / 1000)));
    }
    for (const [times] of windows) times.push(now);
    return undefined;
  }

  private routeOf(method: string, path: string): Route | undefined {
    if (method === "POST" && CONVERSATIONS.test(path)) return { name: "create", conversationId: "" };
    const members = method === "GET" ? PAGED_MEMBERS.exec(path) : null;
    if (members) return { name: "members", conversationId: decodeURIComponent(members[1]!) };
    const activities = ACTIVITIES.exec(path);
    if (!activities) return undefined;
    const conversationId = decodeURIComponent(activities[1]!);
    const activityId = activities[2] ? decodeURIComponent(activities[2]) : undefined;
    if (method === "POST") return { name: "send", conversationId, ...(activityId ? { activityId } : {}) };
    if (method === "PUT" && activityId) return { name: "update", conversationId, activityId };
    return undefined;
  }

  /** Teams answers with the existing conversation when the bot and the user already have one. */
  private createConversation(parameters: Record<string, any>): Answer {
    const members = JSON.stringify(parameters.members);
    const existing = this.created.find((c) => JSON.stringify(c.parameters.members) === members);
    const id = existing?.id ?? `a:created-personal-conversation-${this.created.length + 1}`;
    this.created.push({ id, parameters });
    return { status: 201, body: { id } };
  }

  /** One page of a roster; the continuation token is opaque to the bot (here, the next offset). */
  private members(conversationId: string, query: URLSearchParams): Answer {
    const roster = this.rosters.get(conversationId);
    if (!roster) {
      const { status, code, message } = REFUSALS.conversationNotFound;
      return { status, body: { error: { code, message } } };
    }
    const token = query.get("continuationToken");
    this.pageTokens.push(token);
    const start = token ? Number(Buffer.from(token, "base64url").toString()) : 0;
    const size = Math.min(Number(query.get("pageSize") ?? this.maxPageSize), this.maxPageSize);
    const end = start + size;
    return { status: 200, body: { members: roster.slice(start, end), ...(end < roster.length ? { continuationToken: Buffer.from(String(end)).toString("base64url") } : {}) } };
  }

  messages(conversationId?: string): SentActivity[] {
    return this.sent.filter((s) => s.activity.type === "message" && (!conversationId || s.conversationId === conversationId));
  }

  /** Waits until `count` messages have arrived (late answers are sent after the HTTP turn ends). */
  async waitForMessages(count: number, timeoutMs = 5_000): Promise<SentActivity[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return this.messages();
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
