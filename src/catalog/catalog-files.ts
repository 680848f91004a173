import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import type { ZodType } from "zod";

/** One problem in one catalogue file, located precisely enough to fix it without guessing. */
export interface CatalogProblem {
  file: string;
  path: string;
  message: string;
}

/** A YAML or JSON file's content, or undefined with a problem saying why it cannot be read. */
export async function readDocument(file: string, problems: CatalogProblem[]): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (error) {
    problems.push({ file, path: "", message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` });
    return undefined;
  }
  try {
    return extname(file) === ".json" ? JSON.parse(raw) : parseYaml(raw, { prettyErrors: true });
  } catch (error) {
    problems.push({ file, path: "", message: `is not valid ${extname(file).slice(1).toUpperCase()}: ${(error as Error).message.split("\n")[0]}` });
    return undefined;
  }
}

export function validate<T>(schema: ZodType<T>, data: unknown, file: string, problems: CatalogProblem[]): T | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({ file, path: issue.path.join("."), message: issue.message });
  }
  return undefined;
}
