import { reply, type Reply } from "../answers/reply.js";
import { neutraliseLinks } from "./neutralise-links.js";

/**
 * The template reply with the phrased answer as its introduction: it takes the place of the text
 * block right under the header (a summary or an intro) or goes there. Sections, fields, sources
 * and buttons stay, so the structured answer and its citations are still shown; the fallback
 * text is rebuilt from the new first paragraph.
 *
 * The answer's links are neutralised here, before any platform renders it: only `allowedLinks`,
 * the links of the facts the answer restates, stay clickable on Slack, Teams and in the fallback
 * text; any other URL, domain, address or link syntax is left as unclickable words.
 */
export function withPhrasedAnswer(template: Reply, answer: string, allowedLinks: readonly string[]): Reply {
  const text = neutraliseLinks(answer, allowedLinks);
  const blocks = [...template.blocks];
  const header = blocks.findIndex((block) => block.type === "header");
  const at = header + 1;
  if (blocks[at]?.type === "text") blocks[at] = { type: "text", text };
  else blocks.splice(at, 0, { type: "text", text });
  return reply(blocks, { private: template.private });
}
