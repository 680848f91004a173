import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of Parcours' package.json, found by walking up from this file, so that the shipped
 * catalogue is found both from sources (tests) and from the build in dist/, whatever the cwd.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "parcours") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Cannot find the parcours package root");
    dir = parent;
  }
}
