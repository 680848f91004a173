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
} satisfies Record<string, Refusal>;

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
 * page at a time, and refuses a route as Teams would when told to.
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
  private readonly refusals = new Map<ConnectorRoute, Refusal>();
  private server?: Server;
  url = "";

  /** Refuses every request on `route` from now on, until `accept(route)`. */
  refuse(route: ConnectorRoute, refusal: Refusal): void {
    this.refusals.set(route, refusal);
  }

  accept(route?: ConnectorRoute): void {
    if (route) this.refusals.delete(route);
    else this.refusals.clear();
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
      const refusal = this.refusals.get(route.name);
      if (refusal) {
        json(res, refusal.status, { error: { code: refusal.code, message: refusal.message } }, refusal.retryAfter ? { "retry-after": refusal.retryAfter } : {});
        return;
      }
      if (route.name === "create") this.createConversation(JSON.parse(body), res);
      else if (route.name === "members") this.members(route.conversationId, url.searchParams, res);
      else if (route.name === "update") {
        this.updated.push({ conversationId: route.conversationId, activityId: route.activityId!, activity: JSON.parse(body) });
        json(res, 200, { id: route.activityId });
      } else {
        const record: SentActivity = { conversationId: route.conversationId, activity: JSON.parse(body) };
        if (route.activityId) record.replyToId = route.activityId;
        if (req.headers.authorization) record.authorization = req.headers.authorization;
        this.sent.push(record);
        json(res, 200, { id: this.activityId(this.sent.length) });
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  private routeOf(method: string, path: string): { name: ConnectorRoute; conversationId: string; activityId?: string } | undefined {
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
  private createConversation(parameters: Record<string, any>, res: ServerResponse): void {
    const members = JSON.stringify(parameters.members);
    const existing = this.created.find((c) => JSON.stringify(c.parameters.members) === members);
    const id = existing?.id ?? `a:created-personal-conversation-${this.created.length + 1}`;
    this.created.push({ id, parameters });
    json(res, 201, { id });
  }

  /** One page of a roster; the continuation token is opaque to the bot (here, the next offset). */
  private members(conversationId: string, query: URLSearchParams, res: ServerResponse): void {
    const roster = this.rosters.get(conversationId);
    if (!roster) {
      const { code, message } = REFUSALS.conversationNotFound;
      json(res, 404, { error: { code, message } });
      return;
    }
    const token = query.get("continuationToken");
    this.pageTokens.push(token);
    const start = token ? Number(Buffer.from(token, "base64url").toString()) : 0;
    const size = Math.min(Number(query.get("pageSize") ?? this.maxPageSize), this.maxPageSize);
    const end = start + size;
    json(res, 200, { members: roster.slice(start, end), ...(end < roster.length ? { continuationToken: Buffer.from(String(end)).toString("base64url") } : {}) });
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
