import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../bin/run-cli.js";
import { CatalogError, loadCatalog } from "../../src/catalog/load-catalog.js";
import { RuleBasedUnderstanding } from "../../src/understanding/rule-based-understanding.js";
import { CUE_INTENTS } from "../../src/understanding/understanding.js";
import { Capture, SHIPPED_CATALOG, shippedCatalog, tempDir } from "../helpers.js";

async function copyOfShipped(): Promise<string> {
  const dir = await tempDir("cues-");
  await cp(SHIPPED_CATALOG, dir, { recursive: true });
  return dir;
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const text = await readFile(file, "utf8");
  const changed = change(text);
  expect(changed, `the edit of ${file} changed nothing`).not.toBe(text);
  await writeFile(file, changed);
}

async function problemsOf(dir: string): Promise<CatalogError["problems"]> {
  const error = await loadCatalog(dir).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CatalogError);
  return (error as CatalogError).problems;
}

const cuesOf = (dir: string, locale: "en" | "fr") => join(dir, "understanding", `cues.${locale}.yaml`);

describe("cue phrases live in the catalogue", () => {
  it("gives every intent but unknown its cues, in both locale files", async () => {
    const { cues } = await shippedCatalog();
    for (const intent of CUE_INTENTS) expect(cues.intents[intent]?.length, intent).toBeGreaterThan(0);
    for (const locale of ["en", "fr"] as const) {
      const text = await readFile(cuesOf(SHIPPED_CATALOG, locale), "utf8");
      expect(text).toMatch(/^intents:/m);
    }
  });

  it("reads a phrase added by L&D staff, with no change to the code", async () => {
    const dir = await copyOfShipped();
    const before = new RuleBasedUnderstanding(await loadCatalog(dir));
    expect(before.understand("kudos").intent).toBe("unknown");
    expect(before.understand("quid du DLM ?").intent).toBe("role.describe");
    await edit(cuesOf(dir, "en"), (text) => text.replace("thanks, thank you, thank u,", "kudos, thanks, thank you, thank u,"));
    await edit(cuesOf(dir, "fr"), (text) => text.replace("      phrases: [compétence, compétences,", "      phrases: [quid, compétence, compétences,"));
    const after = new RuleBasedUnderstanding(await loadCatalog(dir));
    expect(after.understand("kudos").intent).toBe("thanks");
    expect(after.understand("quid du DLM ?")).toMatchObject({ intent: "role.skills", roles: ["digital-learning-manager"] });
  });

  it("reads a role's new alias from its file", async () => {
    const dir = await copyOfShipped();
    expect(new RuleBasedUnderstanding(await loadCatalog(dir)).understand("what does a learning ops lead do?").roles).toEqual([]);
    await edit(join(dir, "roles", "training-project-manager.yaml"), (text) => text.replace(/^aliases:\n(?:.*\n)*?  en:\n/m, "$&    - learning ops lead\n"));
    expect(new RuleBasedUnderstanding(await loadCatalog(dir)).understand("what does a learning ops lead do?").roles).toEqual(["training-project-manager"]);
  });
});

describe("a broken cue file", () => {
  it("names the file, the path inside it and the problem, every problem in one run", async () => {
    const dir = await copyOfShipped();
    await edit(cuesOf(dir, "en"), (text) =>
      text
        .replace("  role.describe:\n", "  role.describes:\n")
        .replace("      weight: 2.5\n", "      weight: -1\n")
        .replace("phrases: [between]", "phrases: [between, <person>]"),
    );
    const problems = await problemsOf(dir);
    const file = cuesOf(dir, "en");
    expect(problems).toContainEqual(expect.objectContaining({ file, path: "intents", message: expect.stringContaining('"role.describes"') }));
    expect(problems).toContainEqual(expect.objectContaining({ file, path: "intents.role.path.becoming.weight" }));
    expect(problems).toContainEqual(expect.objectContaining({ file, path: "intents.role.compare.between.phrases.1", message: expect.stringContaining("<person>") }));
  });

  it("refuses one group given two weights by the two locale files", async () => {
    const dir = await copyOfShipped();
    await edit(cuesOf(dir, "fr"), (text) => text.replace("  role.skills:\n    skills:\n      weight: 3\n", "  role.skills:\n    skills:\n      weight: 2\n"));
    const problems = await problemsOf(dir);
    // Reported where the second file read disagrees with the first, naming the first.
    expect(problems).toEqual([expect.objectContaining({ path: "intents.role.skills.skills.weight", message: expect.stringMatching(/^is [23], but .*cues\.(en|fr)\.yaml gives the same group [23]$/) })]);
  });

  it("says which locale's file is missing or not YAML", async () => {
    const dir = await copyOfShipped();
    await rm(cuesOf(dir, "fr"));
    await writeFile(cuesOf(dir, "en"), "intents: [unclosed");
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file: cuesOf(dir, "fr"), message: "cannot be read (ENOENT)" }));
    expect(problems).toContainEqual(expect.objectContaining({ file: cuesOf(dir, "en"), message: expect.stringMatching(/not valid YAML/) }));
  });

  it("refuses a lookalike that is a role's own name", async () => {
    const dir = await copyOfShipped();
    await edit(join(dir, "roles", "expert-trainer.yaml"), (text) => text.replace("    - personal trainer\n", "    - personal trainer\n    - instructional designer\n"));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ path: "lookalikes", message: expect.stringContaining('"instructional designer" names role "learning-designer"') }));
  });

  it("fails `parcours catalog check`, which counts the cue phrases of a sound catalogue", async () => {
    const run = async (dir: string) => {
      const stdout = new Capture();
      const stderr = new Capture();
      const code = await runCli(["catalog", "check", dir], { env: { DATABASE_URL: "memory://" }, stdin: Readable.from([""]), stdout, stderr });
      return { code, out: stdout.text, err: stderr.text };
    };
    expect((await run(SHIPPED_CATALOG)).out).toMatch(/Catalogue OK: \d+ roles, \d+ skills, \d+ cue phrases\./);
    const dir = await copyOfShipped();
    await edit(cuesOf(dir, "fr"), (text) => text.replace("      weight: 2.5\n", "      weight: many\n"));
    const broken = await run(dir);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain("cues.fr.yaml");
    expect(broken.err).toContain("intents.role.path.becoming.weight");
  });
});

describe("parcours understand --json", () => {
  it("reports a clear intent whose role is not named with no role, for the conversation to supply", async () => {
    const stdout = new Capture();
    const code = await runCli(["understand", "--json"], { env: { DATABASE_URL: "memory://" }, stdin: Readable.from(["what about its skills, then?\ncompare them\n"]), stdout, stderr: new Capture() });
    expect(code).toBe(0);
    const lines = stdout.text.trim().split("\n").map((line) => JSON.parse(line) as { intent: string; roles: string[] });
    expect(lines.map(({ intent, roles }) => ({ intent, roles }))).toEqual([
      { intent: "role.skills", roles: [] },
      { intent: "role.compare", roles: [] },
    ]);
  });
});
