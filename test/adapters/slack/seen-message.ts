/** What a Slack client shows for a posted message, read from its blocks as the client would. */
type Json = Record<string, any>;

const decode = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export interface SeenButton {
  label: string;
  /** The reply model's action id: Slack's action_id up to the button number. */
  actionId: string;
  value: string;
  /** What Slack sends back when it is pressed. */
  slackActionId: string;
}

export function seenText(message: Json): string {
  const parts: string[] = [];
  for (const block of (message.blocks ?? []) as Json[]) {
    if (block.type === "header" || (block.type === "section" && block.text)) parts.push(block.text.text);
    if (block.type === "section" && block.fields) parts.push(...block.fields.map((f: Json) => f.text));
    if (block.type === "context") parts.push(...block.elements.map((e: Json) => e.text));
  }
  parts.push(message.text ?? "");
  return decode(parts.join("\n"));
}

export function seenButtons(message: Json): SeenButton[] {
  return ((message.blocks ?? []) as Json[])
    .filter((block) => block.type === "actions")
    .flatMap((block) => block.elements as Json[])
    .map((e) => ({ label: e.text.text, actionId: String(e.action_id).split(":")[0]!, value: e.value ?? "", slackActionId: e.action_id }));
}
