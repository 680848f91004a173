import { createHmac } from "node:crypto";

/**
 * Signs a request as Slack does: v0 HMAC-SHA256 of `v0:timestamp:body` with the signing secret.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedPost {
  secret: string;
  body: string;
  contentType: "application/json" | "application/x-www-form-urlencoded";
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Overrides the computed signature, to send a wrong one. */
  signature?: string;
  headers?: Record<string, string>;
}

export async function postSigned(url: string, post: SignedPost): Promise<Response> {
  const timestamp = post.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": post.contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": post.signature ?? slackSignature(post.secret, timestamp, post.body),
      ...post.headers,
    },
    body: post.body,
  });
}
