import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { LOCALES, type Locale } from "../catalog/schema.js";
import { packageRoot } from "../config/package-root.js";

/** A system prompt for one purpose and locale; `version` goes into the cache key and the logs. */
export interface Prompt {
  purpose: string;
  locale: Locale;
  /** `phrase-answer.fr@1`: changes whenever the wording changes, so cached answers are not reused. */
  version: string;
  text: string;
}

export type PromptSet = Record<Locale, Prompt>;

export class PromptError extends Error {}

export const PROMPTS_DIR = join(packageRoot(), "prompts");

const frontMatterSchema = z
  .object({ purpose: z.string().regex(/^[a-z]+(?:-[a-z]+)*$/), locale: z.enum(LOCALES), version: z.number().int().positive() })
  .strict();

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/;

/**
 * Reads `prompts/<purpose>.<locale>.md`: YAML front matter (purpose, locale, version), then the
 * prompt. `{{name}}` placeholders are filled from `values`; one left unfilled is an error, so a
 * typo in a prompt fails at start rather than reaching a model.
 */
export function loadPrompt(purpose: string, locale: Locale, values: Record<string, string | number> = {}, dir = PROMPTS_DIR): Prompt {
  const file = join(dir, `${purpose}.${locale}.md`);
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new PromptError(`Cannot read prompt ${file}: ${(error as Error).message}`);
  }
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new PromptError(`${file}: expected YAML front matter between --- lines`);
  const header = frontMatterSchema.safeParse(parseYaml(match[1]!));
  if (!header.success) throw new PromptError(`${file}: ${header.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  if (header.data.purpose !== purpose || header.data.locale !== locale) {
    throw new PromptError(`${file}: front matter says ${header.data.purpose}.${header.data.locale}`);
  }
  const text = match[2]!.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => {
    const value = values[name];
    if (value === undefined) throw new PromptError(`${file}: no value for {{${name}}}`);
    return String(value);
  });
  return { purpose, locale, version: `${purpose}.${locale}@${header.data.version}`, text: text.trim() };
}

/** Every locale's prompt for one purpose, loaded once at start. */
export function loadPromptSet(purpose: string, values: Record<string, string | number> = {}, dir = PROMPTS_DIR): PromptSet {
  return Object.fromEntries(LOCALES.map((locale) => [locale, loadPrompt(purpose, locale, values, dir)])) as PromptSet;
}
