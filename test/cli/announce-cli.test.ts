import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../bin/run-cli.js";
import { Capture, tempDir } from "../helpers.js";

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { env: { DATABASE_URL: "memory://", LND_ADMINS: "console:me", ...env }, stdin: Readable.from([""]), stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

async function file(content: string): Promise<string> {
  const path = join(await tempDir(), "announcement.yaml");
  await writeFile(path, content);
  return path;
}

const GOOD = "title: Learning Architect track\nbody:\n  en: The track opens in January.\n  fr: Le parcours ouvre en janvier.\naudience:\n  users: [console-user]\nengagement: interested\n";

describe("parcours announce", () => {
  it("previews, and without --yes sends nothing", async () => {
    const { code, out } = await run(["announce", "--file", await file(GOOD), "--as", "console:me"]);
    expect(code).toBe(0);
    expect(out).toContain("Preview: recipients will see exactly this.");
    expect(out).toContain("Le parcours ouvre en janvier.");
    expect(out).toContain("Recipients: 1 person (console)");
    expect(out).toContain("Not sent. Run again with --yes");
  });

  it("sends with --yes in this process and prints the final report", async () => {
    const { code, out } = await run(["announce", "--file", await file(GOOD), "--as", "console:me", "--yes"]);
    expect(code).toBe(0);
    expect(out).toContain("Sending now");
    expect(out).toContain("(finished)");
    expect(out).toMatch(/Sent: 1 \/ 1/);
  });

  it("names the field of each problem in the file, and the line of broken YAML", async () => {
    const long = await run(["announce", "--file", await file(`title: T\nbody:\n  en: "${"x".repeat(20_000)}"\naudience: { users: [a] }\n`), "--as", "console:me"]);
    expect(long.code).toBe(1);
    expect(long.err).toContain("body.en: must be at most 3000 characters (it has 20000)");
    const broken = await run(["announce", "--file", await file("title: [oops\n"), "--as", "console:me"]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/not valid YAML \(line \d+, column \d+\)/);
    const missing = await run(["announce", "--file", "/nonexistent/x.yaml", "--as", "console:me"]);
    expect(missing.err).toContain("/nonexistent/x.yaml: no such file");
  });

  it("refuses someone who is not L&D staff, and a call without --as", async () => {
    const refused = await run(["announce", "--file", await file(GOOD), "--as", "console:intruder", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("console:intruder is not L&D staff");
    expect(refused.out).not.toContain("Sending now");
    const usage = await run(["announce", "--file", await file(GOOD)]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("announce needs --as");
  });
});
