import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { LOCALES } from "../../src/catalog/schema.js";
import { ANSWER_LIMITS } from "../../src/phrasing/answer-checks.js";
import { PHRASE_ANSWER } from "../../src/phrasing/phrasing-from-config.js";
import { loadPrompt, loadPromptSet, PromptError, PROMPTS_DIR } from "../../src/phrasing/phrasing-prompts.js";
import { detectLocale } from "../../src/understanding/detect-locale.js";
import { tokens } from "../../src/understanding/normalize.js";
import { tempDir } from "../helpers.js";

describe("the shipped phrasing prompts", () => {
  const prompts = loadPromptSet(PHRASE_ANSWER, { maxChars: ANSWER_LIMITS.promptChars });

  it.each(LOCALES)("%s: loads with its version, its limit filled in and nothing left unfilled", (locale) => {
    const prompt = prompts[locale];
    const fileVersion = /^version: (\d+)$/m.exec(readFileSync(join(PROMPTS_DIR, `${PHRASE_ANSWER}.${locale}.md`), "utf8"))?.[1];
    expect(fileVersion).toBeDefined();
    expect(prompt.version).toBe(`${PHRASE_ANSWER}.${locale}@${fileVersion}`);
    expect(prompt.text).toContain(String(ANSWER_LIMITS.promptChars));
    expect(prompt.text).not.toMatch(/\{\{|^---/m);
    // The reply format the schema asks for, and the slot syntax the facts use.
    expect(prompt.text).toContain('{"sentences": [{"text":');
    expect(prompt.text).toContain('"fact_ids"');
    expect(prompt.text).not.toContain("used_fact_ids");
    expect(prompt.text).toMatch(/\[\[[a-z.]+\.\d+#\d+\]\]/);
    for (const intent of ["role.describe", "role.skills", "role.path", "role.compare", "role.profile"]) expect(prompt.text).toContain(intent);
  });

  it.each(LOCALES)("%s: is written in its own language", (locale) => {
    const text = prompts[locale].text;
    expect(detectLocale(text, tokens(text), locale === "fr" ? "en" : "fr")).toBe(locale);
  });
});

describe("loading a prompt", () => {
  async function promptDir(files: Record<string, string>): Promise<string> {
    const dir = await tempDir("parcours-prompts-");
    await mkdir(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  }

  it("refuses a prompt without front matter", async () => {
    const dir = await promptDir({ "phrase-answer.en.md": "Just text" });
    expect(() => loadPrompt("phrase-answer", "en", {}, dir)).toThrow(PromptError);
  });

  it("refuses front matter without a version", async () => {
    const dir = await promptDir({ "phrase-answer.en.md": "---\npurpose: phrase-answer\nlocale: en\n---\nText" });
    expect(() => loadPrompt("phrase-answer", "en", {}, dir)).toThrow(/version/);
  });

  it("refuses a file whose front matter names another locale", async () => {
    const dir = await promptDir({ "phrase-answer.en.md": "---\npurpose: phrase-answer\nlocale: fr\nversion: 2\n---\nTexte" });
    expect(() => loadPrompt("phrase-answer", "en", {}, dir)).toThrow(/phrase-answer\.fr/);
  });

  it("refuses a placeholder with no value", async () => {
    const dir = await promptDir({ "phrase-answer.en.md": "---\npurpose: phrase-answer\nlocale: en\nversion: 3\n---\nAt most {{maxChars}} characters." });
    expect(() => loadPrompt("phrase-answer", "en", {}, dir)).toThrow(/maxChars/);
    expect(loadPrompt("phrase-answer", "en", { maxChars: 10 }, dir)).toEqual({
      purpose: "phrase-answer",
      locale: "en",
      version: "phrase-answer.en@3",
      text: "At most 10 characters.",
    });
  });

  it("says which file is missing", () => {
    expect(() => loadPrompt("no-such-purpose", "fr")).toThrow(/no-such-purpose\.fr\.md/);
  });
});
