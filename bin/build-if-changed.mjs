#!/usr/bin/env node
// Builds only when a source changed since the last build: `npm start` answers in a second, not
// after a full TypeScript build each time. tsc's own incremental build then rebuilds what changed.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { dirname, join } from "node:path";

const BUILT = "dist/.tsbuildinfo";

/** The folders tsconfig.json includes (a glob counts from the folder before its first wildcard). */
function included() {
  try {
    const { include } = JSON.parse(readFileSync("tsconfig.json", "utf8"));
    if (Array.isArray(include)) return include.map((pattern) => pattern.split(/[*?{]/)[0].replace(/\/+$/, "") || ".");
  } catch {
    // Unreadable: tsc will say why; the folders below are what it included when this was written.
  }
  return ["src", "adapters", "bin", "bench"];
}

/**
 * Every file the last build compiled, outside node_modules: besides the included folders, the
 * files they import from elsewhere, such as the test helpers the bench uses (emitted into dist/test).
 * tsc lists them in its build info, relative to it.
 */
function compiledLastTime() {
  try {
    const { fileNames } = JSON.parse(readFileSync(BUILT, "utf8"));
    return fileNames.filter((name) => !name.includes("node_modules/")).map((name) => join(dirname(BUILT), name));
  } catch {
    return [];
  }
}

function newestChange(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

const SOURCES = [...included(), ...compiledLastTime(), "tsconfig.json", "package.json"];

const built = statSync(BUILT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (Math.max(...SOURCES.map(newestChange)) > built) {
  const tsc = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
  // tsc leaves its build info as it was when no output changed: this build is now the newest thing.
  // A build with errors still writes its output: it is marked oldest, so that the next run says them again.
  const at = tsc.status === 0 ? new Date() : new Date(0);
  if (statSync(BUILT, { throwIfNoEntry: false })) utimesSync(BUILT, at, at);
  process.exit(tsc.status ?? 1);
}
