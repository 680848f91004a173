import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CatalogError, loadCatalog } from "../../src/catalog/load-catalog.js";
import { SHIPPED_CATALOG, shippedCatalog, tempDir } from "../helpers.js";

async function copyOfShipped(): Promise<string> {
  const dir = await tempDir("catalog-");
  await cp(SHIPPED_CATALOG, dir, { recursive: true });
  return dir;
}

async function problemsOf(dir: string): Promise<CatalogError["problems"]> {
  const error = await loadCatalog(dir).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CatalogError);
  return (error as CatalogError).problems;
}

describe("the shipped catalogue", () => {
  it("has the six required roles", async () => {
    const catalog = await shippedCatalog();
    for (const id of ["learning-architect", "digital-learning-manager", "learning-designer", "training-manager", "training-project-manager", "expert-trainer"]) {
      expect(catalog.find(id), id).toBeDefined();
    }
  });

  it("marks sample roles and cites the seed documents for the two researched roles", async () => {
    const catalog = await shippedCatalog();
    const architect = catalog.get("learning-architect");
    const dlm = catalog.get("digital-learning-manager");
    expect(architect.sample).toBe(false);
    expect(dlm.sample).toBe(false);
    expect(architect.sources.map((s) => s.publisher)).toContain("Learn Assembly");
    expect(dlm.sources.some((s) => s.year === 2016)).toBe(true);
    expect(catalog.get("learning-designer").sample).toBe(true);
  });

  it("holds the Learning Architect's aliases and five missions from the source", async () => {
    const architect = (await shippedCatalog()).get("learning-architect");
    const aliases = [...architect.aliases.fr, ...architect.aliases.en].map((a) => a.toLowerCase());
    expect(aliases).toEqual(expect.arrayContaining(["consultant learning", "architecte pédagogique"]));
    expect(architect.missions).toHaveLength(5);
    expect(architect.abbreviations).toContain("LA");
  });

  it("holds the 2016 study's profile figures on Digital Learning Managers", async () => {
    const dlm = (await shippedCatalog()).get("digital-learning-manager");
    const figures = dlm.profile.map((fact) => fact.figure).join(" ");
    expect(figures).toMatch(/80/);
    expect(figures).toMatch(/75/);
    expect(dlm.profile.every((fact) => fact.year === 2016)).toBe(true);
  });

  it("has a 1 to 5 scale with a descriptor per level in both locales", async () => {
    const { scale } = await shippedCatalog();
    expect(scale.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
    for (const level of scale.levels) expect(level.descriptor.fr && level.descriptor.en).toBeTruthy();
  });

  it("copies no sentence of the source documents: no run of eight words is shared", async () => {
    const fold = (s: string) => s.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    const seedsDir = join(SHIPPED_CATALOG, "..", "..", "shared", "seeds");
    const seeds = await Promise.all(["000_baa4ce7a192ab41c.txt", "001_c64ac8d52b068c41.txt"].map((f) => readFile(join(seedsDir, f), "utf8").catch(() => "")));
    const words = fold(seeds.join(" ")).split(" ");
    const shingles = new Set(words.map((_, i) => words.slice(i, i + 8).join(" ")).filter((s) => s.split(" ").length === 8));
    // Source titles are citations, not sentences of ours: they are left out of the comparison.
    const catalogText = fold(JSON.stringify((await shippedCatalog()).roles().map(({ sources: _sources, ...role }) => role)));
    const catalogWords = catalogText.split(" ");
    const copied = catalogWords.map((_, i) => catalogWords.slice(i, i + 8).join(" ")).filter((s) => shingles.has(s));
    expect(shingles.size === 0 || copied.length === 0, copied.slice(0, 3).join(" | ")).toBe(true);
  });
});

describe("a broken catalogue", () => {
  it("names the file, the path inside it and the problem", async () => {
    const dir = await copyOfShipped();
    const file = join(dir, "roles", "learning-designer.yaml");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/targetLevel: \d/, "targetLevel: 9"));
    const problems = await problemsOf(dir);
    expect(problems, JSON.stringify(problems)).toHaveLength(1);
    expect(problems[0]!.file).toBe(file);
    expect(problems[0]!.path).toMatch(/^skills\.\d+\.targetLevel$/);
    expect(problems[0]!.message).toMatch(/5/);
  });

  it("reports YAML syntax errors and unknown references, all in one run", async () => {
    const dir = await copyOfShipped();
    await writeFile(join(dir, "roles", "expert-trainer.yaml"), "id: expert-trainer\nnames: [unclosed");
    const dlm = join(dir, "roles", "digital-learning-manager.yaml");
    await writeFile(dlm, (await readFile(dlm, "utf8")).replace(/related:\n(\s+)- /, "related:\n$1- no-such-role\n$1- "));
    const problems = await problemsOf(dir);
    expect(problems.some((p) => p.file.endsWith("expert-trainer.yaml") && /not valid YAML/.test(p.message))).toBe(true);
    expect(problems.some((p) => p.file === dlm && p.path.startsWith("related.") && /no-such-role/.test(p.message))).toBe(true);
  });

  it("refuses a role whose id does not match its file name", async () => {
    const dir = await copyOfShipped();
    const file = join(dir, "roles", "training-manager.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace(/^id: training-manager$/m, "id: other-id"));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file, path: "id" }));
  });

  it("says when the folder or the scale is missing", async () => {
    const dir = await copyOfShipped();
    await rm(join(dir, "skill-scale.yaml"));
    await rm(join(dir, "roles"), { recursive: true });
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining(["cannot be read (ENOENT)", "folder not found"]));
  });
});

describe("names shared between roles", () => {
  it("are refused, naming the role that already has the name", async () => {
    const dir = await copyOfShipped();
    const file = join(dir, "roles", "learning-designer.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace(/abbreviations:\n/, "abbreviations:\n  - DLM\n"));
    const problems = await problemsOf(dir);
    expect(problems.some((p) => /"DLM" already names role "digital-learning-manager"|"DLM" already names role "learning-designer"/.test(p.message))).toBe(true);
  });

  it("refuse a scale whose levels are not 1 to 5 in order", async () => {
    const dir = await copyOfShipped();
    const file = join(dir, "skill-scale.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("- level: 3", "- level: 2"));
    const problems = await problemsOf(dir);
    expect(problems.some((p) => p.file === file && /1, 2, 3, 4, 5/.test(p.message))).toBe(true);
  });
});
