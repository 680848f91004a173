import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blockKitProblems, modalProblems } from "./block-kit-limits.js";
import { PostingBuckets, type PostingLimits } from "./fake-posting-limits.js";
import { FakeWorkspace, flag, page } from "./fake-workspace.js";

export interface RecordedCall {
  /** A Web API method ("chat.postMessage"), "response_url" for a post to a response URL, "upload" for a file's bytes. */
  method: string;
  args: Record<string, any>;
  path: string;
  /** When the fake received it (Date.now()), before answering it. */
  at: number;
  /** Which client made it, when it was given apiUrlOf(sender). */
  sender?: string;
}

export const FAKE_TEAM = "T0FAKE001";
export const FAKE_BOT_USER = "U0BOT0001";
export const FAKE_BOT_ID = "B0BOT0001";
/** Everyone's profile in users.info answers. */
export const PROFILE = { realName: "Camille Martin-Dupré", email: "camille.martin@example.org", phone: "+33 6 12 34 56 78" };

const JSON_ARGS = new Set(["blocks", "view", "attachments", "metadata", "files"]);

/** The Web API sends arguments form-encoded, with blocks and views as JSON strings. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.includes("application/json")) return raw ? JSON.parse(raw) : {};
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A file's bytes, sent raw or, as @slack/web-api sends them, as the one file of a multipart form. */
async function fileBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith("multipart/form-data")) return raw;
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  for (const value of form.values()) if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  return Buffer.alloc(0);
}

/** A user's DM with the app, as conversations.open answers it (and chat.postMessage to a user id). */
export const dmChannelOf = (userId: string) => `D${userId.slice(1)}`;

/** Slack's user ids start with U, or W on Enterprise Grid. */
const isUserId = (id: string) => /^[UW][A-Z0-9]+$/.test(id);

/** A Web API method's path: `/api/<method>`, or `/senders/<name>/api/<method>` for a client given apiUrlOf(name). */
const API_PATH = /^(?:\/senders\/([^/]+))?\/api\/(.*)$/;

/** Where chat.postMessage puts a message: a user's id stands for their DM with the app. */
const postedIn = (channel: string) => (isUserId(channel) ? dmChannelOf(channel) : channel);

/**
 * The bot scopes the manifest asks for, and the one a method needs when it needs one the others
 * do not give. https://docs.slack.dev/reference/methods/conversations.open (im:write, for a DM)
 */
const GRANTED_SCOPES = ["app_mentions:read", "channels:history", "channels:read", "chat:write", "commands", "files:write", "groups:history", "groups:read", "im:history", "im:write", "usergroups:read", "users:read"];
const NEEDED_SCOPE: Record<string, string> = { "conversations.open": "im:write", "usergroups.users.list": "usergroups:read" };

/**
 * How a call's answer goes missing: "hang" holds it until the client gives up (its time-out), "cut"
 * closes the connection. Either way the call was carried out: the case a sender cannot tell apart
 * from a call that never arrived.
 */
export type LostAnswer = "hang" | "cut";

/** An answer the fake gives instead of the method's own, for the next calls of a method. */
type Injected =
  | { kind: "refuse"; error: string }
  | { kind: "rate-limit"; retryAfterSeconds: number }
  | { kind: "http-error"; status: number }
  | { kind: "lost-answer"; how: LostAnswer };

/** A file between files.getUploadURLExternal and files.completeUploadExternal. */
export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  altText?: string;
  /** The bytes POSTed to the upload URL; undefined until then. */
  bytes?: Buffer;
  /** Where files.completeUploadExternal shared it. */
  channel?: string;
  threadTs?: string;
  title?: string;
  /** Set by files.delete. */
  deleted?: boolean;
}

/**
 * A small Slack Web API on loopback: records every call, checks the bot token, answers with
 * Slack's shapes, and refuses blocks that break Block Kit's limits as Slack would.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  /** users.info answers: a user's Slack locale ("fr-FR"); unknown users are en-US. */
  readonly locales = new Map<string, string>();
  /** users.info's `tz` of a user ("Europe/Paris"); none for the others. */
  readonly timeZones = new Map<string, string>();
  /** Users the bot cannot write to: the app's Messages tab is off for them. */
  readonly unreachable = new Set<string>();
  /** Files by id, from files.getUploadURLExternal on. */
  readonly files = new Map<string, FakeFile>();
  /** Scopes the install lacks, as an app installed before the manifest asked for them: Slack answers missing_scope. */
  readonly withheldScopes = new Set<string>();
  /** Bot users: conversations.open refuses to open a DM with them. */
  readonly bots = new Set<string>();
  /** conversations.members answers: the members of each channel. */
  readonly members = new Map<string, string[]>();
  /** Messages the bot posted, by `channel ts`, with what chat.update last set. */
  readonly messages = new Map<string, Record<string, any>>();
  /** Slack's final error for every post in a conversation (a channel, a DM, or the user's id for their DM): is_archived, not_in_channel… */
  readonly refusedChannels = new Map<string, string>();
  /** users.list, usergroups.users.list and conversations.list. */
  readonly workspace = new FakeWorkspace(FAKE_BOT_USER, this.locales);
  /** chat.postMessage's rate limits, once enforcePostingLimits is called. */
  postingLimits: PostingBuckets | undefined;
  private readonly injected = new Map<string, Injected[]>();
  private readonly hung = new Set<ServerResponse>();
  private readonly held = new Map<string, Promise<void>>();
  private server: Server | undefined;
  private origin = "";
  private ts = 0;
  private views = 0;
  private readonly usedTriggers = new Set<string>();
  /** The ts of each message posted, by the arguments of its call. */
  private readonly postedTs = new WeakMap<Record<string, any>, string>();
  private waiters: (() => void)[] = [];
  private readonly observers = new Set<(call: RecordedCall) => void>();

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

  /** The base URL for one of several clients (processes) of this fake, whose calls are recorded with `sender`. */
  apiUrlOf(sender: string): string {
    return `${this.origin}/senders/${encodeURIComponent(sender)}/api/`;
  }

  /** A response_url on this server, as Slack puts one in commands and interactions. */
  responseUrl(name: string): string {
    return `${this.origin}/response/${name}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then(async (raw) => {
        const path = new URL(req.url ?? "/", "http://x").pathname;
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        };
        if (path.startsWith("/response/")) {
          this.record({ method: "response_url", args: JSON.parse(raw.toString("utf8")), path });
          return reply(200, { ok: true });
        }
        if (path.startsWith("/upload/")) {
          const fileId = path.slice("/upload/".length);
          const { status, text } = this.receiveFile(fileId, await fileBytes(raw, req.headers["content-type"]));
          this.record({ method: "upload", args: { fileId }, path });
          res.writeHead(status, { "content-type": "text/plain" });
          return res.end(text);
        }
        const [, sender, method = path] = API_PATH.exec(path) ?? [];
        // apps.connections.open takes the app-level token; every other method the bot token.
        const expected = method === "apps.connections.open" ? this.appToken : this.token;
        if (req.headers.authorization !== `Bearer ${expected}`) return reply(200, { ok: false, error: "invalid_auth" });
        const args = parseArgs(raw.toString("utf8"), req.headers["content-type"]);
        this.record({ method, args, path, ...(sender ? { sender: decodeURIComponent(sender) } : {}) });
        await this.held.get(method);
        const injected = this.injected.get(method)?.shift();
        if (injected?.kind === "rate-limit") {
          res.writeHead(429, { "content-type": "application/json", "retry-after": String(injected.retryAfterSeconds) });
          return res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        }
        if (injected?.kind === "refuse") return reply(200, { ok: false, error: injected.error });
        if (injected?.kind === "http-error") {
          res.writeHead(injected.status, { "content-type": "text/html" });
          return res.end(`<html><body>${injected.status}</body></html>`);
        }
        if (method === "chat.postMessage" && args.channel) {
          const retryAfter = this.postingLimits?.retryAfter(postedIn(String(args.channel)));
          if (retryAfter !== undefined) {
            res.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfter) });
            return res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
          }
        }
        if (injected?.kind === "lost-answer") {
          this.answer(method, args);
          if (injected.how === "cut") return req.socket.destroy();
          this.hung.add(res);
          return res.on("close", () => this.hung.delete(res));
        }
        const needed = NEEDED_SCOPE[method];
        if (needed && this.withheldScopes.has(needed)) {
          return reply(200, { ok: false, error: "missing_scope", needed, provided: GRANTED_SCOPES.filter((scope) => !this.withheldScopes.has(scope)).join(",") });
        }
        reply(200, this.answer(method, args));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Calls of `method` are recorded, then answered only once the returned function is called. */
  hold(method: string): () => void {
    let release!: () => void;
    this.held.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.held.delete(method);
      release();
    };
  }

  /** The next `times` calls of `method` fail with Slack's `error` code. */
  refuse(method: string, error: string, times = 1): void {
    this.inject(method, { kind: "refuse", error }, times);
  }

  /** The next `times` calls of `method` get an HTTP 429 with Retry-After, as Slack rate-limits. https://docs.slack.dev/apis/web-api/rate-limits */
  rateLimit(method: string, retryAfterSeconds: number, times = 1): void {
    this.inject(method, { kind: "rate-limit", retryAfterSeconds }, times);
  }

  /** The next `times` calls of `method` get an HTTP error (a 503 in an outage, a 504 from a gateway), before doing anything. */
  failWithStatus(method: string, status: number, times = 1): void {
    this.inject(method, { kind: "http-error", status }, times);
  }

  /** The next `times` calls of `method` are carried out, and their answer lost `how`. */
  loseAnswer(method: string, how: LostAnswer, times = 1): void {
    this.inject(method, { kind: "lost-answer", how }, times);
  }

  /** From now on chat.postMessage answers a 429 with Retry-After to posts beyond these limits. */
  enforcePostingLimits(limits: PostingLimits): PostingBuckets {
    this.postingLimits = new PostingBuckets(limits);
    return this.postingLimits;
  }

  private inject(method: string, answer: Injected, times: number): void {
    this.injected.set(method, [...(this.injected.get(method) ?? []), ...Array<Injected>(times).fill(answer)]);
  }

  /** The ts the fake gave a chat.postMessage call; it throws for a call it refused. */
  tsOf(call: RecordedCall): string {
    const ts = this.postedTs.get(call.args);
    if (!ts) throw new Error("that call did not post a message");
    return ts;
  }

  /** Whether the fake posted the message of this chat.postMessage call, rather than refusing it. */
  posted(call: RecordedCall): boolean {
    return this.postedTs.has(call.args);
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

  /**
   * Calls `observer` with each call as it arrives, before it is answered: for a bench that times
   * answers to the microsecond (`at` has milliseconds) without scanning every call on each arrival.
   * Returns the function that stops it.
   */
  observe(observer: (call: RecordedCall) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  private record(call: Omit<RecordedCall, "at">): void {
    const recorded = { ...call, at: Date.now() };
    this.calls.push(recorded);
    for (const observer of this.observers) observer(recorded);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** The upload URL answers 200 "OK - <bytes>" once the declared length has arrived. */
  private receiveFile(id: string, bytes: Buffer): { status: number; text: string } {
    const file = this.files.get(id);
    if (!file) return { status: 404, text: "Not Found" };
    if (bytes.length !== file.length) return { status: 400, text: `expected ${file.length} bytes, got ${bytes.length}` };
    file.bytes = bytes;
    return { status: 200, text: `OK - ${bytes.length}` };
  }

  /** Shares uploaded files; channel_id must be a conversation id, which a user id is not. */
  private completeUpload(args: Record<string, any>): Record<string, unknown> {
    const listed = (args.files ?? []) as { id: string; title?: string }[];
    const files = listed.map((f) => this.files.get(f.id));
    if (listed.length === 0 || files.some((f) => !f?.bytes)) return { ok: false, error: "file_not_found" };
    if (args.channel_id && !/^[CDG]/.test(args.channel_id)) return { ok: false, error: "channel_not_found" };
    for (const [i, file] of files.entries()) {
      Object.assign(file!, { title: listed[i]!.title, ...(args.channel_id ? { channel: args.channel_id } : {}), ...(args.thread_ts ? { threadTs: args.thread_ts } : {}) });
    }
    return { ok: true, files: files.map((f) => ({ id: f!.id, name: f!.filename, title: f!.title, size: f!.length })) };
  }

  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://fake-org.slack.com/", team: "Fake Org", user: "parcours", team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, bot_id: FAKE_BOT_ID, is_enterprise_install: false };
      case "apps.connections.open":
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: "not_allowed_token_type" };
      case "chat.postMessage": {
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        const channel = postedIn(String(args.channel));
        const refusal = this.refusedChannels.get(args.channel) ?? this.refusedChannels.get(channel);
        if (refusal) return { ok: false, error: refusal };
        if (!args.text && !args.blocks) return { ok: false, error: "no_text" };
        if ([...this.unreachable].some((user) => args.channel === user || args.channel === dmChannelOf(user))) return { ok: false, error: "messages_tab_disabled" };
        if (args.blocks) {
          const errors = blockKitProblems(args.blocks);
          if (errors.length > 0) return { ok: false, error: "invalid_blocks", errors };
        }
        const ts = `${1718100000 + ++this.ts}.000100`;
        const message = {
          type: "message",
          text: args.text,
          user: FAKE_BOT_USER,
          bot_id: FAKE_BOT_ID,
          ts,
          blocks: args.blocks,
          ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
          ...(args.metadata ? { metadata: args.metadata } : {}),
        };
        this.messages.set(`${channel} ${ts}`, message);
        this.postedTs.set(args, ts);
        return { ok: true, channel, ts, message };
      }
      case "chat.update": {
        const message = this.messages.get(`${args.channel} ${args.ts}`);
        if (!message) return { ok: false, error: "message_not_found" };
        if (args.blocks) {
          const errors = blockKitProblems(args.blocks);
          if (errors.length > 0) return { ok: false, error: "invalid_blocks", errors };
        }
        Object.assign(message, { text: args.text, blocks: args.blocks ?? message.blocks });
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text, message };
      }
      case "conversations.open": {
        const users = String(args.users ?? "").split(",").filter(Boolean);
        if (users.length !== 1) return { ok: false, error: users.length === 0 ? "users_list_not_supplied" : "method_not_supported_for_channel_type" };
        const [user] = users as [string];
        if (!isUserId(user)) return { ok: false, error: "user_not_found" };
        if (this.bots.has(user)) return { ok: false, error: "cannot_dm_bot" };
        return { ok: true, channel: { id: dmChannelOf(user) } };
      }
      case "conversations.members": {
        const members = this.members.get(args.channel);
        if (!members) return { ok: false, error: "channel_not_found" };
        // Slack's default page is 100 members, at most 1,000. https://docs.slack.dev/reference/methods/conversations.members
        const { page: listed, response_metadata } = page(members, args, 100, 1000);
        return { ok: true, members: listed, response_metadata };
      }
      case "conversations.history":
        return this.history(args);
      case "files.delete": {
        const file = this.files.get(args.file);
        if (!file) return { ok: false, error: "file_not_found" };
        if (file.deleted) return { ok: false, error: "file_deleted" };
        file.deleted = true;
        return { ok: true };
      }
      case "views.open": {
        // A trigger_id is good for one views.open, within 3 seconds. https://docs.slack.dev/reference/methods/views.open
        if (!args.trigger_id) return { ok: false, error: "invalid_arguments", response_metadata: { messages: ["[ERROR] missing required field: trigger_id"] } };
        if (this.usedTriggers.has(args.trigger_id)) return { ok: false, error: "expired_trigger_id" };
        this.usedTriggers.add(args.trigger_id);
        const errors = modalProblems(args.view);
        if (errors.length > 0) return { ok: false, error: "invalid_arguments", response_metadata: { messages: errors } };
        const id = `V0FAKEMODAL${++this.views}`;
        return { ok: true, view: { id, team_id: FAKE_TEAM, state: { values: {} }, hash: `${id}.hash`, root_view_id: id, app_id: "A0FAKE001", bot_id: FAKE_BOT_ID, ...args.view } };
      }
      case "views.publish": {
        const errors = blockKitProblems(args.view?.blocks, "home");
        if (errors.length > 0) return { ok: false, error: "invalid_arguments", response_metadata: { messages: errors } };
        return { ok: true, view: { id: "V0FAKEHOME", team_id: FAKE_TEAM, ...args.view } };
      }
      case "files.getUploadURLExternal": {
        const length = Number(args.length);
        // Slack's answer to a missing name or a zero length. https://docs.slack.dev/reference/methods/files.getUploadURLExternal
        if (!args.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: "missing_argument" };
        if (String(args.alt_text ?? "").length > 1000) return { ok: false, error: "alt_txt_too_large" };
        const id = `F0FAKE${String(this.files.size + 1).padStart(4, "0")}`;
        this.files.set(id, { id, filename: args.filename, length, ...(args.alt_text ? { altText: args.alt_text } : {}) });
        return { ok: true, upload_url: `${this.origin}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal":
        return this.completeUpload(args);
      case "users.info":
        return {
          ok: true,
          // A profile as Slack gives it: what no log may repeat.
          user: { id: args.user, team_id: FAKE_TEAM, name: "someone", real_name: PROFILE.realName, profile: { real_name: PROFILE.realName, email: PROFILE.email, phone: PROFILE.phone }, is_bot: false, ...(this.timeZones.has(args.user) ? { tz: this.timeZones.get(args.user) } : {}), ...(args.include_locale ? { locale: this.locales.get(args.user) ?? "en-US" } : {}) },
        };
      default:
        return this.workspace.answer(method, args) ?? { ok: false, error: "unknown_method" };
    }
  }

  /**
   * The messages at the top of a conversation, newest first; their metadata only when asked for it.
   * A DM is always there; a channel when the workspace has it or the bot posted in it.
   * https://docs.slack.dev/reference/methods/conversations.history
   */
  private history(args: Record<string, any>): Record<string, unknown> {
    const channel = String(args.channel ?? "");
    const posted = [...this.messages.entries()].filter(([key, message]) => key.startsWith(`${channel} `) && !message.thread_ts).map(([, message]) => message);
    if (!channel.startsWith("D") && !this.workspace.channels.has(channel) && posted.length === 0) return { ok: false, error: "channel_not_found" };
    const limit = Math.min(Number(args.limit) || 100, 999);
    const messages = posted.reverse().slice(0, limit);
    return {
      ok: true,
      messages: messages.map(({ metadata, ...message }) => ({ ...message, ...(metadata && flag(args.include_all_metadata) ? { metadata } : {}) })),
      has_more: posted.length > limit,
    };
  }
}
