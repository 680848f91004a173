import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../bin/run-cli.js";
import { Capture, tempDir } from "../helpers.js";
import { itNeeding } from "../servers/needing.js";
import { TEST_DATABASE_URL } from "../servers/servers.js";

async function chatWith(env: NodeJS.ProcessEnv) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(["chat"], { env, stdin: Readable.from(["what does a Learning Architect do?\n"]), stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

/** Tried as a new user would: each store that cannot be used stops the start with one line naming its variable and the cause. */
describe("a store that cannot be used", () => {
  it("SQLite: a path that cannot be opened", async () => {
    const { code, out, err } = await chatWith({ DATABASE_URL: `sqlite://${await tempDir()}` });
    expect(code).toBe(1);
    expect(err).toMatch(/^parcours: DATABASE_URL: cannot use sqlite:\/\/\S+: unable to open database file \(SQLITE_CANTOPEN\)\n$/);
    expect(out).toBe("");
  });

  itNeeding(["postgres"], "PostgreSQL: a database that does not exist, its password kept out of the message", async () => {
    // On the test server, with its password if it has one (the tests' own trusts any: then a made-up one).
    const server = new URL(TEST_DATABASE_URL);
    const password = server.password || "s3cret";
    const missing = (shown: string) => `${server.protocol}//${server.username || "postgres"}:${shown}@${server.host}/parcours_missing_database`;
    const { code, err } = await chatWith({ DATABASE_URL: missing(password) });
    expect(code).toBe(1);
    expect(err).toContain(`DATABASE_URL: cannot use ${missing("***")}: database "parcours_missing_database" does not exist`);
    expect(err).not.toContain(password);
  });

  it("PostgreSQL: a port nobody listens on", async () => {
    const { code, err } = await chatWith({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/test" });
    expect(code).toBe(1);
    expect(err).toContain("DATABASE_URL: cannot use postgres://postgres@127.0.0.1:1/test: connect ECONNREFUSED");
  });

  it("Redis: a port nobody listens on stops the start instead of hanging", async () => {
    const { code, out, err } = await chatWith({ DATABASE_URL: "memory://", REDIS_URL: "redis://127.0.0.1:1" });
    expect(code).toBe(1);
    expect(err).toContain("parcours: REDIS_URL: cannot use redis://127.0.0.1:1:");
    expect(out).toBe("");
  });
});
