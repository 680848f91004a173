import { reply, type Reply } from "../answers/reply.js";

/**
 * The template reply with the phrased answer as its introduction: it takes the place of the text
 * block right under the header (a summary or an intro) or goes there. Sections, fields, sources
 * and buttons stay, so the structured answer and its citations are still shown; the fallback
 * text is rebuilt from the new first paragraph.
 */
export function withPhrasedAnswer(template: Reply, answer: string): Reply {
  const blocks = [...template.blocks];
  const header = blocks.findIndex((block) => block.type === "header");
  const at = header + 1;
  if (blocks[at]?.type === "text") blocks[at] = { type: "text", text: answer };
  else blocks.splice(at, 0, { type: "text", text: answer });
  return reply(blocks, { private: template.private });
}
