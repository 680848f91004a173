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

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const CONVERSATIONS = /^\/v3\/conversations\/?$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A small stand-in for the Bot Connector service (smba.trafficmanager.net): the activity's
 * `serviceUrl` points here, and every activity the bot sends is recorded.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
 */
export class FakeBotConnector {
  readonly sent: SentActivity[] = [];
  readonly created: CreatedConversation[] = [];
  readonly unexpected: string[] = [];
  /** Answers 403 to conversation creation, as Teams does when the app is not installed for the user. */
  refuseConversations = false;
  /** Answers 403 to every activity the bot sends, as Teams does once the user has blocked the bot. */
  refuseActivities = false;
  private server?: Server;
  url = "";

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      if (req.method === "POST" && CONVERSATIONS.test(req.url ?? "")) {
        this.createConversation(JSON.parse(body), res);
        return;
      }
      const match = req.method === "POST" ? ACTIVITIES.exec(req.url ?? "") : null;
      if (!match) {
        this.unexpected.push(`${req.method} ${req.url}`);
        res.writeHead(404).end();
        return;
      }
      if (this.refuseActivities) {
        res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "BotDisabledByAdmin", message: "The bot is blocked in this conversation." } }));
        return;
      }
      const record: SentActivity = { conversationId: decodeURIComponent(match[1]!), activity: JSON.parse(body) };
      if (match[2]) record.replyToId = decodeURIComponent(match[2]);
      if (req.headers.authorization) record.authorization = req.headers.authorization;
      this.sent.push(record);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `sent-${this.sent.length}` }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Teams answers with the existing conversation when the bot and the user already have one. */
  private createConversation(parameters: Record<string, any>, res: ServerResponse): void {
    if (this.refuseConversations) {
      res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "Forbidden", message: "The bot is not part of the conversation roster." } }));
      return;
    }
    const members = JSON.stringify(parameters.members);
    const existing = this.created.find((c) => JSON.stringify(c.parameters.members) === members);
    const id = existing?.id ?? `a:created-personal-conversation-${this.created.length + 1}`;
    this.created.push({ id, parameters });
    res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id }));
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
