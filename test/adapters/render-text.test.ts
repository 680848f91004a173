import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { pressedBy, toText } from "../../adapters/console/render-text.js";
import { terminalWidth } from "../../adapters/console/wrap-text.js";
import { answer } from "../../src/answers/answer.js";
import { reply } from "../../src/answers/reply.js";
import { LOCALES } from "../../src/catalog/schema.js";
import { shippedCatalog } from "../helpers.js";

const lines = (text: string) => text.split("\n");
const longest = (text: string) => Math.max(...lines(text).map((line) => [...line].length));
const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe("the console's text at the terminal's width", () => {
  const paragraph = "The Learning Architect converts an organisation's training priorities into coherent learning programmes and acts as an in-house consultant to the business.";

  it("wraps on word boundaries, every word kept in order", () => {
    const { text } = toText(reply([{ type: "text", text: paragraph }]), [], 40);
    expect(lines(text).length).toBeGreaterThan(3);
    expect(longest(text)).toBeLessThanOrEqual(40);
    expect(words(text)).toEqual(words(paragraph));
    // Each line is as full as it can be: the next line's first word would not have fitted.
    const rows = lines(text);
    for (let i = 0; i < rows.length - 1; i++) expect(rows[i]!.length + 1 + rows[i + 1]!.split(" ")[0]!.length).toBeGreaterThan(40);
  });

  it("indents a list item's continuation lines under its text: bullets, numbered levels and sources", () => {
    const { text } = toText(
      reply([
        { type: "section", title: "Key missions", text: `• ${paragraph}\n• Short one.` },
        { type: "text", text: `1. Awareness: ${paragraph}` },
        { type: "sources", heading: "Sources:", items: [`Learn Assembly, « ${paragraph} », 2025`] },
      ]),
      [],
      50,
    );
    const rows = lines(text);
    expect(rows[1]).toMatch(/^• The Learning/);
    expect(rows[2]).toMatch(/^ {2}\S/);
    expect(rows).toContain("• Short one.");
    const numbered = rows.findIndex((row) => row.startsWith("1. Awareness"));
    expect(rows[numbered + 1]).toMatch(/^ {3}\S/);
    const source = rows.findIndex((row) => row.startsWith("  - Learn Assembly"));
    expect(rows[source + 1]).toMatch(/^ {4}\S/);
    expect(longest(text)).toBeLessThanOrEqual(50);
  });

  it("never cuts a URL, even one longer than a line: it gets a line of its own", () => {
    const url = `https://learn.example.org/${"very-long-path/".repeat(8)}learning-architect`;
    const { text } = toText(reply([{ type: "sources", heading: "Sources:", items: [`Learn Assembly, « Learning Architect », 2025 (${url})`] }]), [], 60);
    const row = lines(text).find((line) => line.includes("https://"))!;
    expect(row.trim()).toBe(`(${url})`);
    expect(words(text)).toContain(`(${url})`);
  });

  it("breaks between buttons, never inside a label, and the numbers still press them", () => {
    const labels = ["All missions", "Skills", "Training path", "Who holds it", "Compare with Learning Designer", "Assess myself"];
    const buttons = labels.map((label, i) => ({ label, actionId: "role.skills", value: `role-${i}` }));
    const rendered = toText(reply([{ type: "buttons", buttons }]), [], 50);
    expect(lines(rendered.text).length).toBeGreaterThan(1);
    expect(longest(rendered.text)).toBeLessThanOrEqual(50);
    labels.forEach((label, i) => expect(lines(rendered.text).some((line) => line.includes(`[${i + 1}] ${label}`))).toBe(true));
    expect(pressedBy("5", rendered.buttons)?.value).toBe("role-4");
  });

  it("keeps a line that fits as it is, spaces and all, and keeps « » and French punctuation with their words", () => {
    const chart = `${"Learning design".padEnd(24)} ███░░ 3/5`;
    expect(toText(reply([{ type: "text", text: chart }]), [], 40).text).toBe(chart);
    const french = "• Métiers du L&D : « c'est quoi un Learning Architect ? », « comment devenir concepteur pédagogique ? »";
    for (const width of [30, 40, 50, 60]) {
      for (const row of lines(toText(reply([{ type: "text", text: french }]), [], width).text)) {
        expect(row.trimStart()).not.toMatch(/^[?!:;»]/);
        expect(row).not.toMatch(/«$/);
      }
    }
  });

  it("is as wide as the terminal, and 80 columns where the output is no terminal", () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 132 });
    expect(terminalWidth(terminal)).toBe(132);
    expect(terminalWidth(new PassThrough())).toBe(80);
    expect(terminalWidth(Object.assign(new PassThrough(), { isTTY: true, columns: 0 }))).toBe(80);
  });

  it("shows a role's first answer in at most 24 lines of 80 columns, for every role, in both languages", async () => {
    const catalog = await shippedCatalog();
    for (const role of catalog.roles()) {
      for (const locale of LOCALES) {
        const { text } = toText(answer(catalog, { intent: "role.describe", roles: [role.id], locale }));
        expect(longest(text), `${role.id} ${locale}`).toBeLessThanOrEqual(80);
        expect(lines(text).length, `${role.id} ${locale}`).toBeLessThanOrEqual(24);
      }
    }
  });
});
