#!/usr/bin/env node
// Builds only when a source changed since the last build: `npm start` answers in a second, not
// after a full TypeScript build each time. tsc's own incremental build then rebuilds what changed.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";

const BUILT = "dist/.tsbuildinfo";
const SOURCES = ["src", "adapters", "bin", "bench", "tsconfig.json", "package.json"];

function newestChange(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

const built = statSync(BUILT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (Math.max(...SOURCES.map(newestChange)) > built) {
  const tsc = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
  // tsc leaves its build info as it was when no output changed: this build is now the newest thing.
  // A build with errors still writes its output: it is marked oldest, so that the next run says them again.
  const at = tsc.status === 0 ? new Date() : new Date(0);
  if (statSync(BUILT, { throwIfNoEntry: false })) utimesSync(BUILT, at, at);
  process.exit(tsc.status ?? 1);
}
