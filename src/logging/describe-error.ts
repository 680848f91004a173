/**
 * What identifies a failure, and nothing else: Slack's Web API errors and botbuilder's REST errors
 * carry the request they failed on (the answer's text, the user's id) in their properties, so a
 * whole error object must never reach the logs.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & { code?: string; data?: { error?: string }; status?: number; statusCode?: number; response?: { status?: number } };
  return {
    name: e.name,
    code: e.code,
    slackError: e.data?.error,
    status: e.status ?? e.statusCode ?? e.response?.status,
    message: e.data?.error ? undefined : e.message,
  };
}
