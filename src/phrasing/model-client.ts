import OpenAI, { AzureOpenAI } from "openai";
import type { Config } from "../config/config.js";

/** A chat-completions client and the model (or Azure deployment) to ask. */
export interface ModelConnection {
  client: OpenAI;
  model: string;
  provider: "openai" | "azure";
}

export type ModelChoice = { configured: true; connection: ModelConnection } | { configured: false; missing: string };

type ModelSettings = Pick<
  Config,
  | "OPENAI_API_KEY"
  | "OPENAI_BASE_URL"
  | "OPENAI_MODEL"
  | "PHRASING_TIMEOUT_MS"
  | "AZURE_OPENAI_API_KEY"
  | "AZURE_OPENAI_ENDPOINT"
  | "AZURE_OPENAI_DEPLOYMENT"
  | "OPENAI_API_VERSION"
>;

/**
 * Builds the client from configuration only (the SDK would otherwise also read process.env).
 * No retries: a retry after a 429 or a time-out would hold the answer past PHRASING_TIMEOUT_MS,
 * and the template answer is always there to fall back on.
 */
export function chooseModel(config: ModelSettings): ModelChoice {
  const common = { timeout: config.PHRASING_TIMEOUT_MS, maxRetries: 0 };
  if (config.AZURE_OPENAI_ENDPOINT || config.AZURE_OPENAI_DEPLOYMENT || config.AZURE_OPENAI_API_KEY) {
    const missing = (
      [
        ["AZURE_OPENAI_ENDPOINT", config.AZURE_OPENAI_ENDPOINT],
        ["AZURE_OPENAI_DEPLOYMENT", config.AZURE_OPENAI_DEPLOYMENT],
        ["AZURE_OPENAI_API_KEY", config.AZURE_OPENAI_API_KEY],
        ["OPENAI_API_VERSION", config.OPENAI_API_VERSION],
      ] as const
    )
      .filter(([, value]) => !value)
      .map(([name]) => name);
    if (missing.length > 0) return { configured: false, missing: `Azure OpenAI needs ${missing.join(", ")}` };
    const client = new AzureOpenAI({
      ...common,
      endpoint: config.AZURE_OPENAI_ENDPOINT,
      apiKey: config.AZURE_OPENAI_API_KEY,
      deployment: config.AZURE_OPENAI_DEPLOYMENT,
      apiVersion: config.OPENAI_API_VERSION,
    });
    return { configured: true, connection: { client, model: config.AZURE_OPENAI_DEPLOYMENT!, provider: "azure" } };
  }
  if (!config.OPENAI_MODEL) return { configured: false, missing: "OPENAI_MODEL is not set" };
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return { configured: false, missing: "set OPENAI_API_KEY, or OPENAI_BASE_URL for a local endpoint" };
  const client = new OpenAI({
    ...common,
    // Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) take any key; the SDK insists on one.
    apiKey: config.OPENAI_API_KEY ?? "no-key",
    baseURL: config.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
  });
  return { configured: true, connection: { client, model: config.OPENAI_MODEL, provider: "openai" } };
}
