import type { IncomingMessage, ServerResponse } from "node:http";
import type { Activity, InvokeResponse } from "botbuilder";
import { z } from "zod";
import { BodyTooLarge, readBoundedBody } from "../../src/service/bounded-body.js";

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

const account = z.looseObject({ id: z.string() });

/**
 * The parts of an activity Parcours reads, checked before anything runs, so a malformed one is a 400
 * rather than a failure halfway through a turn. Everything else (a card's `value` among them)
 * passes through as it came.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object
 */
const activityShape = z
  .looseObject({
    type: z.string().min(1),
    id: z.string().optional(),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    conversation: account,
    from: account.optional(),
    recipient: account,
    text: z.string().optional(),
    locale: z.string().optional(),
    entities: z.array(z.looseObject({})).optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
  })
  // Messages and invokes are answered to their sender.
  .refine((activity) => activity.from || (activity.type !== "message" && activity.type !== "invoke"), { path: ["from"], message: "a message or invoke needs a sender" });

/** What is wrong with an activity, by field, without its values (they may be a user's words). */
const problems = (error: z.ZodError) => error.issues.map((issue) => `${issue.path.join(".") || "activity"}: ${issue.message}`).join("; ");

/** Reads and parses an activity: a JSON object of the shape above. */
export async function readActivity(req: IncomingMessage): Promise<Activity> {
  const raw = await readBoundedBody(req, MAX_BODY_BYTES).catch((error: unknown) => {
    throw error instanceof BodyTooLarge ? new BadRequest(413, "request body too large") : error;
  });
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new BadRequest(400, "request body is not valid JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new BadRequest(400, "request body is not a JSON object");
  const parsed = activityShape.safeParse(body);
  if (!parsed.success) throw new BadRequest(400, `malformed activity: ${problems(parsed.error)}`);
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
