/**
 * An independent check of what Slack refuses with `invalid_blocks`, written from Slack's
 * reference pages rather than from the renderer, so the fake API can answer as Slack does.
 * https://docs.slack.dev/reference/block-kit/blocks
 */
type Json = Record<string, any>;

export function blockKitProblems(blocks: unknown, surface: "message" | "home" = "message"): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  const maxBlocks = surface === "home" ? 100 : 50;
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks, more than ${maxBlocks}`);
  const actionIds = new Set<string>();
  const text = (where: string, object: Json | undefined, max: number, kind?: string) => {
    if (!object || typeof object.text !== "string") return problems.push(`${where}: missing text`);
    if (kind && object.type !== kind) problems.push(`${where}: must be ${kind}`);
    if (object.text.length === 0) problems.push(`${where}: empty text`);
    if (object.text.length > max) problems.push(`${where}: ${object.text.length} characters, more than ${max}`);
  };
  blocks.forEach((block: Json, i) => {
    const at = `blocks[${i}] (${block.type})`;
    switch (block.type) {
      case "header":
        text(at, block.text, 150, "plain_text");
        break;
      case "section":
        if (!block.text && !block.fields) problems.push(`${at}: needs text or fields`);
        if (block.text) text(at, block.text, 3000);
        if (block.fields) {
          if (block.fields.length > 10) problems.push(`${at}: ${block.fields.length} fields, more than 10`);
          block.fields.forEach((f: Json, j: number) => text(`${at}.fields[${j}]`, f, 2000));
        }
        break;
      case "actions":
        if (!block.elements?.length) problems.push(`${at}: no elements`);
        if (block.elements?.length > 25) problems.push(`${at}: ${block.elements.length} elements, more than 25`);
        (block.elements ?? []).forEach((e: Json, j: number) => {
          const where = `${at}.elements[${j}]`;
          text(where, e.text, 75, "plain_text");
          if (typeof e.action_id !== "string" || e.action_id.length > 255) problems.push(`${where}: bad action_id`);
          if (actionIds.has(e.action_id)) problems.push(`${where}: duplicate action_id ${e.action_id}`);
          actionIds.add(e.action_id);
          if (e.value !== undefined && (typeof e.value !== "string" || e.value.length === 0 || e.value.length > 2000)) problems.push(`${where}: bad value`);
        });
        break;
      case "context":
        if (!block.elements?.length || block.elements.length > 10) problems.push(`${at}: needs 1 to 10 elements`);
        (block.elements ?? []).forEach((e: Json, j: number) => text(`${at}.elements[${j}]`, e, 3000));
        break;
      case "image":
        if (typeof block.image_url !== "string" || block.image_url.length > 3000) problems.push(`${at}: bad image_url`);
        if (typeof block.alt_text !== "string" || !block.alt_text || block.alt_text.length > 2000) problems.push(`${at}: bad alt_text`);
        break;
      case "divider":
        break;
      default:
        problems.push(`${at}: unknown block type`);
    }
  });
  return problems;
}
