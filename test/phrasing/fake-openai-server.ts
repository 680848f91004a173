import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What one request to the fake received. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  raw: string;
  body: any;
}

/** One scripted reply: a status and JSON body, optionally late, or headers now and the body late. */
export interface ScriptedReply {
  status?: number;
  body?: unknown;
  /** Wait this long before answering at all. */
  delayMs?: number;
  /** Send the status and headers at once, and the body only after this long. */
  stallBodyMs?: number;
}

/** A chat completion as OpenAI returns it, with `content` as the assistant's message. */
export function completion(content: string | null, options: { refusal?: string; finishReason?: string; model?: string } = {}) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1_700_000_000,
    model: options.model ?? "fake-model",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: options.refusal ?? null },
        logprobs: null,
        finish_reason: options.finishReason ?? "stop",
      },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
  };
}

/** One sentence of a phrased answer and the ids of the facts it restates, as the model writes it. */
export interface ModelSentence {
  text: string;
  fact_ids: string[];
}

/** A structured answer as the model would write it: the JSON text of `{ sentences: [{ text, fact_ids }] }`. */
export function sentencesReply(sentences: readonly ModelSentence[]): ScriptedReply {
  return { body: completion(JSON.stringify({ sentences })) };
}

export function errorReply(status: number, message: string): ScriptedReply {
  return { status, body: { error: { message, type: status === 429 ? "rate_limit_exceeded" : "server_error", code: null, param: null } } };
}

/**
 * An OpenAI-compatible chat-completions endpoint on loopback. Any path ending in
 * /chat/completions is served (OpenAI's /v1/… and Azure's /openai/deployments/…/…), each request
 * is recorded, and replies are played from a script in order; past its end, a 500.
 */
export class FakeOpenAiServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly script: ScriptedReply[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  private origin = "";

  get url(): string {
    return this.origin;
  }

  /** The base URL for the OpenAI client. */
  get baseURL(): string {
    return `${this.origin}/v1`;
  }

  reply(...replies: ScriptedReply[]): this {
    this.script.push(...replies);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private later(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, ms);
    this.timers.add(timer);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = req.url ?? "";
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    this.requests.push({ path, headers: req.headers, raw, body });
    if (req.method !== "POST" || !path.split("?")[0]!.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const scripted = this.script.shift() ?? errorReply(500, "no scripted reply left");
    const send = () => {
      if (res.destroyed) return;
      const text = JSON.stringify(scripted.body ?? {});
      res.writeHead(scripted.status ?? 200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      if (scripted.stallBodyMs) {
        res.flushHeaders();
        this.later(scripted.stallBodyMs, () => !res.destroyed && res.end(text));
      } else {
        res.end(text);
      }
    };
    if (scripted.delayMs) this.later(scripted.delayMs, send);
    else send();
  }
}
