import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/config/package-root.js";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("the platform-neutral core", () => {
  const root = packageRoot();
  const files = sourceFiles(join(root, "src"));

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(root, f), f]))("%s imports no platform SDK and no adapter", (_name, file) => {
    const imports = [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    const offending = imports.filter((spec) => /^@slack\/|^botbuilder|^@microsoft\/|adapters\//.test(spec));
    expect(offending).toEqual([]);
  });
});
