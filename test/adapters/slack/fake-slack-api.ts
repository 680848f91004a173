import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { blockKitProblems } from "./block-kit-limits.js";

export interface RecordedCall {
  /** A Web API method ("chat.postMessage"), or "response_url" for a post to a response URL. */
  method: string;
  args: Record<string, any>;
  path: string;
}

export const FAKE_TEAM = "T0FAKE001";
export const FAKE_BOT_USER = "U0BOT0001";
export const FAKE_BOT_ID = "B0BOT0001";

const JSON_ARGS = new Set(["blocks", "view", "attachments", "metadata"]);

/** The Web API sends arguments form-encoded, with blocks and views as JSON strings. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.includes("application/json")) return raw ? JSON.parse(raw) : {};
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A small Slack Web API on loopback: records every call, checks the bot token, answers with
 * Slack's shapes, and refuses blocks that break Block Kit's limits as Slack would.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  /** users.info answers: a user's Slack locale ("fr-FR"); unknown users are en-US. */
  readonly locales = new Map<string, string>();
  private server: Server | undefined;
  private origin = "";
  private ts = 0;
  private waiters: (() => void)[] = [];

  /** Where apps.connections.open sends a Socket Mode client (set by a Socket Mode test). */
  socketUrl: string | undefined;

  constructor(
    private readonly token: string,
    private readonly appToken = "xapp-1-A0FAKE001-0000-fakeapptoken",
  ) {}

  /** The base URL to give the Web API client (SLACK_API_URL). */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A response_url on this server, as Slack puts one in commands and interactions. */
  responseUrl(name: string): string {
    return `${this.origin}/response/${name}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const path = new URL(req.url ?? "/", "http://x").pathname;
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        };
        if (path.startsWith("/response/")) {
          this.record({ method: "response_url", args: JSON.parse(raw), path });
          return reply(200, { ok: true });
        }
        const method = path.replace(/^\/api\//, "");
        // apps.connections.open takes the app-level token; every other method the bot token.
        const expected = method === "apps.connections.open" ? this.appToken : this.token;
        if (req.headers.authorization !== `Bearer ${expected}`) return reply(200, { ok: false, error: "invalid_auth" });
        const args = parseArgs(raw, req.headers["content-type"]);
        this.record({ method, args, path });
        reply(200, this.answer(method, args));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  callsTo(method: string, since = 0): RecordedCall[] {
    return this.calls.slice(since).filter((c) => c.method === method);
  }

  /** Waits until `count` calls to `method` arrived after index `since`. */
  async waitFor(method: string, count = 1, since = 0, timeoutMs = 5000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsTo(method, since).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${count} × ${method}; saw ${this.calls.map((c) => c.method).join(", ")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.callsTo(method, since);
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://fake-org.slack.com/", team: "Fake Org", user: "parcours", team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, bot_id: FAKE_BOT_ID, is_enterprise_install: false };
      case "apps.connections.open":
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: "not_allowed_token_type" };
      case "chat.postMessage": {
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        if (!args.text && !args.blocks) return { ok: false, error: "no_text" };
        if (args.blocks) {
          const errors = blockKitProblems(args.blocks);
          if (errors.length > 0) return { ok: false, error: "invalid_blocks", errors };
        }
        const ts = `${1718100000 + ++this.ts}.000100`;
        return { ok: true, channel: args.channel, ts, message: { type: "message", text: args.text, user: FAKE_BOT_USER, bot_id: FAKE_BOT_ID, ts, blocks: args.blocks } };
      }
      case "views.publish": {
        const errors = blockKitProblems(args.view?.blocks, "home");
        if (errors.length > 0) return { ok: false, error: "invalid_arguments", response_metadata: { messages: errors } };
        return { ok: true, view: { id: "V0FAKEHOME", team_id: FAKE_TEAM, ...args.view } };
      }
      case "users.info":
        return { ok: true, user: { id: args.user, team_id: FAKE_TEAM, name: "someone", is_bot: false, ...(args.include_locale ? { locale: this.locales.get(args.user) ?? "en-US" } : {}) } };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}
