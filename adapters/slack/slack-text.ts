/**
 * What the user typed, from Slack's message format: the bot's own mention removed, other
 * mentions, channels and links turned back into their labels, and the three escaped
 * characters decoded. https://docs.slack.dev/messaging/formatting-message-text
 */
export function readMessageText(text: string, botUserId?: string): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g") : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;
  return text
    .replace(own, " ")
    .replace(/<@[A-Z0-9]+\|([^>]+)>/g, "@$1")
    .replace(/<@[A-Z0-9]+>/g, " ")
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<!subteam\^[A-Z0-9]+\|([^>]+)>/g, "$1")
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/g, "@$1")
    .replace(/<([a-z]+:[^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<([a-z]+:[^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
