export class MalformedBody extends Error {
  constructor(
    readonly status: 400 | 415,
    message: string,
  ) {
    super(message);
    this.name = "MalformedBody";
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === "object" && !Array.isArray(value);

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedBody(400, `${what} is not valid JSON`);
  }
  if (!isRecord(parsed)) throw new MalformedBody(400, `${what} is not a JSON object`);
  return parsed;
}

/**
 * A Slack request body as an object. Events come as JSON; slash commands as form fields; and
 * interactions as form fields too, with their JSON in the one `payload` field.
 * https://docs.slack.dev/interactivity/handling-user-interaction#payloads
 */
export function parseSlackBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  const text = raw.toString("utf8");
  if (type === "application/json") return parseJsonObject(text, "request body");
  if (type === "application/x-www-form-urlencoded") {
    const fields = Object.fromEntries(new URLSearchParams(text));
    return typeof fields.payload === "string" ? parseJsonObject(fields.payload, "payload") : fields;
  }
  throw new MalformedBody(415, `unsupported content type ${type ?? "(none)"}`);
}
