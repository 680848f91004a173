import { describe, expect, it } from "vitest";
import { decodeActionId } from "../../../adapters/slack/action-id.js";
import { toBlockKit, toHomeView } from "../../../adapters/slack/to-block-kit.js";
import { reply, type Block, type Button } from "../../../src/answers/reply.js";
import { blockKitProblems } from "./block-kit-limits.js";

type Json = Record<string, any>;
const buttons = (n: number, label = (i: number) => `Role ${i}`): Button[] =>
  Array.from({ length: n }, (_, i) => ({ label: label(i), actionId: "role.describe", value: `role-${i}` }));
const sectionTexts = (blocks: Json[]) => blocks.filter((b) => b.type === "section" && b.text).map((b) => b.text.text as string);

describe("toBlockKit", () => {
  it("renders each kind of block, with the fallback as text", () => {
    const [message, ...more] = toBlockKit(
      reply([
        { type: "header", text: "Learning Architect" },
        { type: "section", title: "Main missions", text: "• designs *learning* paths" },
        { type: "fields", fields: [{ label: "Level", value: "4/5" }] },
        { type: "buttons", buttons: [{ label: "Skills", actionId: "role.skills", value: "learning-architect", style: "primary" }] },
        { type: "divider" },
        { type: "sources", heading: "Sources:", items: ["Learn Assembly, Baromètre (2024)"] },
      ]),
    );
    expect(more).toEqual([]);
    expect(message!.text).toBe("Learning Architect — • designs *learning* paths");
    expect(message!.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions", "divider", "context"]);
    const blocks = message!.blocks as Json[];
    expect(blocks[0]!.text).toEqual({ type: "plain_text", text: "Learning Architect", emoji: true });
    expect(blocks[1]!.text).toEqual({ type: "mrkdwn", text: "*Main missions*\n• designs *learning* paths" });
    expect(blocks[2]!.fields[0].text).toBe("*Level*\n4/5");
    expect(blocks[3]!.elements[0]).toEqual({ type: "button", text: { type: "plain_text", text: "Skills", emoji: true }, action_id: "role.skills:0", value: "learning-architect", style: "primary" });
    expect(blocks[5]!.elements[0].text).toBe("📚 Learn Assembly, Baromètre (2024)");
  });

  it("splits a reply of 80 blocks into two messages, keeping every block in order", () => {
    const blocks: Block[] = Array.from({ length: 80 }, (_, i) => ({ type: "text", text: `paragraph ${i}` }));
    const messages = toBlockKit(reply(blocks));
    expect(messages).toHaveLength(2);
    expect(messages.map((m) => m.blocks.length)).toEqual([50, 30]);
    expect(messages.flatMap((m) => sectionTexts(m.blocks as Json[]))).toEqual(blocks.map((b) => (b as { text: string }).text));
    expect(messages[1]!.text).toMatch(/\(2\/2\)$/);
    for (const m of messages) expect(blockKitProblems(m.blocks)).toEqual([]);
  });

  it("splits a 5,000-character section into sections of at most 3,000 without losing a word", () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${String(i).padStart(3, "0")}`);
    const text = words.join(" ");
    expect(text.length).toBeGreaterThan(4900);
    const [message] = toBlockKit(reply([{ type: "section", text }]));
    const texts = sectionTexts(message!.blocks as Json[]);
    expect(texts.length).toBe(2);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(3000);
    expect(texts.join(" ").split(" ")).toEqual(words);
  });

  it("cuts text without spaces at the limit, and never inside an escaped character", () => {
    const text = `${"x".repeat(2998)}&&&${"y".repeat(3000)}`;
    const [message] = toBlockKit(reply([{ type: "text", text }]));
    const texts = sectionTexts(message!.blocks as Json[]);
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(3000);
      expect(t).not.toMatch(/&(?!amp;)/);
    }
    expect(texts.join("").replace(/&amp;/g, "&")).toBe(text);
  });

  it("puts 30 buttons in two actions blocks of 25 and 5, each action id unique and decodable", () => {
    const [message] = toBlockKit(reply([{ type: "buttons", buttons: buttons(30) }]));
    const actions = (message!.blocks as Json[]).filter((b) => b.type === "actions");
    expect(actions.map((a) => a.elements.length)).toEqual([25, 5]);
    const elements = actions.flatMap((a) => a.elements as Json[]);
    expect(new Set(elements.map((e) => e.action_id)).size).toBe(30);
    expect(elements.map((e) => decodeActionId(e.action_id))).toEqual(Array(30).fill("role.describe"));
    expect(elements.map((e) => e.value)).toEqual(buttons(30).map((b) => b.value));
    expect(blockKitProblems(message!.blocks)).toEqual([]);
  });

  it("keeps action ids unique across several buttons blocks of one message", () => {
    const [message] = toBlockKit(reply([{ type: "buttons", buttons: buttons(2) }, { type: "text", text: "more" }, { type: "buttons", buttons: buttons(2) }]));
    const ids = (message!.blocks as Json[]).filter((b) => b.type === "actions").flatMap((a) => a.elements.map((e: Json) => e.action_id));
    expect(ids).toEqual(["role.describe:0", "role.describe:1", "role.describe:2", "role.describe:3"]);
  });

  it("shortens a long button label to 75 characters and a long header to 150", () => {
    const label = "A very long role name that goes on and on well past what a Slack button can show";
    const [message] = toBlockKit(reply([{ type: "header", text: "H".repeat(200) }, { type: "buttons", buttons: [{ label, actionId: "role.describe", value: "x" }] }]));
    const [header, actions] = message!.blocks as Json[];
    expect(header!.text.text.length).toBeLessThanOrEqual(150);
    expect(header!.text.text.endsWith("…")).toBe(true);
    const shown = actions!.elements[0].text.text as string;
    expect(label.length).toBeGreaterThan(75);
    expect(shown.length).toBeLessThanOrEqual(75);
    expect(shown.endsWith("…")).toBe(true);
    expect(label.startsWith(shown.slice(0, -1))).toBe(true);
  });

  it("omits an empty button value, which Slack refuses, and keeps a 2,000-character one", () => {
    const long = "v".repeat(2000);
    const [message] = toBlockKit(reply([{ type: "buttons", buttons: [{ label: "All roles", actionId: "role.list", value: "" }, { label: "Long", actionId: "role.describe", value: long }] }]));
    const [a, b] = (message!.blocks[0] as Json).elements as Json[];
    expect(a).not.toHaveProperty("value");
    expect(b!.value).toBe(long);
  });

  it("splits 14 fields into sections of at most 10", () => {
    const fields = Array.from({ length: 14 }, (_, i) => ({ label: `Skill ${i}`, value: `${i % 5}/5` }));
    const [message] = toBlockKit(reply([{ type: "fields", fields }]));
    expect((message!.blocks as Json[]).map((b) => b.fields.length)).toEqual([10, 4]);
  });

  it("escapes &, < and > in mrkdwn and in the fallback text", () => {
    const [message] = toBlockKit(reply([{ type: "text", text: "L&D <roles> > 5" }]));
    expect((message!.blocks[0] as Json).text.text).toBe("L&amp;D &lt;roles&gt; &gt; 5");
    expect(message!.text).toBe("L&amp;D &lt;roles&gt; &gt; 5");
  });

  it("renders choices as buttons carrying the choice's action id and each option's value", () => {
    const [message] = toBlockKit(reply([{ type: "choices", prompt: "Your level?", actionId: "assessment.answer", options: [{ label: "1", value: "skill-a=1" }, { label: "2", value: "skill-a=2" }] }]));
    const [prompt, row] = message!.blocks as Json[];
    expect(prompt!.text.text).toBe("Your level?");
    expect(row!.elements.map((e: Json) => [decodeActionId(e.action_id), e.value])).toEqual([["assessment.answer", "skill-a=1"], ["assessment.answer", "skill-a=2"]]);
  });

  it("renders a chart as text bars, and an image with its alt text", () => {
    const [message] = toBlockKit(reply([
      { type: "chart", title: "Skills", series: [{ label: "Design", value: 3, target: 4 }], max: 5 },
      { type: "image", url: "https://example.org/chart.png", alt: "a chart" },
    ]));
    const [chart, image] = message!.blocks as Json[];
    expect(chart!.text.text).toContain("Design");
    expect(chart!.text.text).toContain("3/4");
    expect(image).toEqual({ type: "image", image_url: "https://example.org/chart.png", alt_text: "a chart" });
  });

  it("puts 12 sources in two context blocks, 10 elements at most each", () => {
    const [message] = toBlockKit(reply([{ type: "sources", heading: "Sources:", items: Array.from({ length: 12 }, (_, i) => `Source ${i}`) }]));
    expect((message!.blocks as Json[]).map((b) => b.elements.length)).toEqual([10, 2]);
  });

  it("shortens a field, a source and the fallback text without cutting an escaped character in half", () => {
    // Each "&" becomes "&amp;": the character limits fall inside an entity unless the cut avoids it.
    const ampersands = (n: number, lead = 0) => `${"x".repeat(lead)}${"&".repeat(n)}`;
    const [message] = toBlockKit(
      reply([{ type: "fields", fields: [{ label: "L", value: ampersands(500, 1) }] }, { type: "sources", heading: "Sources:", items: [ampersands(500)] }], { fallbackText: ampersands(9_000, 3) }),
    );
    const blocks = message!.blocks as Json[];
    const texts = [blocks[0]!.fields[0].text as string, blocks[1]!.elements[0].text as string, message!.text];
    expect(texts[0]!.length).toBeLessThanOrEqual(2000);
    expect(texts[2]!.length).toBeLessThan(40_000);
    for (const text of texts) {
      expect(text.endsWith("…")).toBe(true);
      expect(text.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
    }
  });

  it("shortens a label without cutting an emoji in half", () => {
    const [message] = toBlockKit(reply([{ type: "buttons", buttons: [{ label: `${"a".repeat(73)}🎓🎓🎓`, actionId: "help", value: "" }] }]));
    const label = (message!.blocks as Json[])[0]!.elements[0].text.text as string;
    expect(label.isWellFormed()).toBe(true);
    expect(label).toBe(`${"a".repeat(73)}…`);
  });

  it("sends the fallback text alone for a reply without blocks", () => {
    expect(toBlockKit(reply([], { fallbackText: "Hello" }))).toEqual([{ text: "Hello", blocks: [] }]);
  });

  it("keeps a Home view within 100 blocks", () => {
    const blocks: Block[] = Array.from({ length: 130 }, (_, i) => ({ type: "text", text: `line ${i}` }));
    const view = toHomeView(reply(blocks));
    expect(view.type).toBe("home");
    expect(view.blocks).toHaveLength(100);
    expect(blockKitProblems(view.blocks, "home")).toEqual([]);
  });
});
