import type { IncomingMessage, ServerResponse } from "node:http";
import type { Activity, InvokeResponse } from "botbuilder";

/** Bot Framework activities are a few kilobytes; anything near this is not an activity. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BadRequest extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and parses an activity: a JSON object with a type. */
export async function readActivity(req: IncomingMessage): Promise<Activity> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(413, "request body too large");
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadRequest(400, "request body is not valid JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new BadRequest(400, "request body is not a JSON object");
  const { type } = body as { type?: unknown };
  if (typeof type !== "string" || !type) throw new BadRequest(400, "activity has no type");
  return body as Activity;
}

/** botbuilder reads the token from the Authorization header only. */
export function authorizationOf(req: IncomingMessage): string {
  return req.headers.authorization ?? "";
}

/** 200 with no body for ordinary activities; an invoke's own status and body otherwise. */
export function writeInvokeResponse(res: ServerResponse, response: InvokeResponse | undefined): void {
  if (response?.body === undefined) {
    res.writeHead(response?.status ?? 200).end();
    return;
  }
  res.writeHead(response.status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(response.body));
}
