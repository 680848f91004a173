import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shown, TEST_SERVERS, unanswered, type Server } from "../test/servers/servers.js";

/** Where benched processes keep records and state, and its removal afterwards. */
export interface Storage {
  env: Record<string, string>;
  remove: () => Promise<void>;
}

/** The default store, SQLite, in a file of its own. */
export async function sqliteFile(): Promise<Storage> {
  const dir = await mkdtemp(join(tmpdir(), "parcours-bench-"));
  return { env: { DATABASE_URL: `sqlite://${join(dir, "parcours.sqlite")}` }, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Why Redis or PostgreSQL cannot be used here, or undefined when both answer: the rows needing them say "skipped" and why. */
export async function sharedStoresMissing(): Promise<string | undefined> {
  const servers: Server[] = ["redis", "postgres"];
  const problems = await Promise.all(servers.map(async (server) => ({ server, why: await unanswered(server) })));
  const missing = problems.filter(({ why }) => why !== undefined).map(({ server, why }) => `${TEST_SERVERS[server].name} at ${shown(TEST_SERVERS[server].url)}: ${why}`);
  return missing.length > 0 ? missing.join("; ") : undefined;
}
