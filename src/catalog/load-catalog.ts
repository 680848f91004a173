import { readdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { fold } from "../understanding/normalize.js";
import { readDocument, validate, type CatalogProblem } from "./catalog-files.js";
import { loadCues } from "./load-cues.js";
import { RoleCatalog } from "./role-catalog.js";
import { roleSchema, skillScaleSchema, type Role, type SkillScale } from "./schema.js";

export type { CatalogProblem } from "./catalog-files.js";

export class CatalogError extends Error {
  constructor(readonly problems: CatalogProblem[]) {
    super(
      `The role catalogue is invalid (${problems.length} problem${problems.length > 1 ? "s" : ""}):\n` +
        problems.map((p) => `  ${p.file}${p.path ? ` at ${p.path}` : ""}: ${p.message}`).join("\n"),
    );
    this.name = "CatalogError";
  }
}

const SCALE_FILE = "skill-scale.yaml";
const ROLES_DIR = "roles";

/**
 * References between roles only make sense once every file is read. A role whose own file is
 * broken still counts as declared (by its file name), so one mistake gives one problem, not a cascade.
 */
function checkReferences(roles: Map<string, { role: Role; file: string }>, declared: ReadonlySet<string>, problems: CatalogProblem[]): void {
  const moduleOwners = new Map<string, string>();
  checkNamesAreUnique(roles, problems);
  for (const { role, file } of roles.values()) {
    const add = (path: string, message: string) => problems.push({ file, path, message });
    const sourceIds = new Set(role.sources.map((s) => s.id));
    const skillIds = new Set(role.skills.map((s) => s.id));
    role.related.forEach((id, i) => declared.has(id) || add(`related.${i}`, `unknown role "${id}"`));
    role.careerMoves.forEach((move, i) => {
      const other = move.from ?? move.to ?? "";
      if (!declared.has(other)) add(`careerMoves.${i}`, `unknown role "${other}"`);
    });
    for (const [list, facts] of [["missions", role.missions], ["outlook", role.outlook], ["profile", role.profile]] as const) {
      facts.forEach((fact, i) => sourceIds.has(fact.source) || add(`${list}.${i}.source`, `unknown source "${fact.source}"`));
    }
    role.trainingPath.forEach((module, i) => {
      module.raises.forEach((r, j) => skillIds.has(r.skill) || add(`trainingPath.${i}.raises.${j}.skill`, `unknown skill "${r.skill}"`));
      const owner = moduleOwners.get(module.id);
      if (owner) add(`trainingPath.${i}.id`, `module id "${module.id}" is already used by role "${owner}"`);
      moduleOwners.set(module.id, role.id);
    });
  }
}

/**
 * A name, alias or abbreviation must point at one role only, or a question would silently be
 * answered about whichever role was read first.
 */
function checkNamesAreUnique(roles: Map<string, { role: Role; file: string }>, problems: CatalogProblem[]): void {
  const owners = new Map<string, string>();
  for (const { role, file } of roles.values()) {
    const names = [role.names.fr, role.names.en, ...role.aliases.fr, ...role.aliases.en].map((n) => fold(n));
    const own = new Set([...names, ...role.abbreviations.map((a) => `abbreviation:${a}`)]);
    for (const name of own) {
      const owner = owners.get(name);
      if (owner && owner !== role.id) problems.push({ file, path: name.startsWith("abbreviation:") ? "abbreviations" : "aliases", message: `"${name.replace("abbreviation:", "")}" already names role "${owner}"` });
      owners.set(name, role.id);
    }
  }
  // A lookalike is read as no role at all: it must not be any role's name.
  for (const { role, file } of roles.values()) {
    for (const lookalike of [...role.lookalikes.fr, ...role.lookalikes.en]) {
      const owner = owners.get(fold(lookalike));
      if (owner) problems.push({ file, path: "lookalikes", message: `"${lookalike}" names role "${owner}": a lookalike is another job` });
    }
  }
}

/**
 * Reads and validates a catalogue folder: `skill-scale.yaml`, one file per role in `roles/` and
 * the cue phrases of each locale in `understanding/`. Every problem is collected before failing,
 * so one run of `parcours catalog check` lists them all.
 */
export async function loadCatalog(dir: string): Promise<RoleCatalog> {
  const problems: CatalogProblem[] = [];
  const scaleFile = join(dir, SCALE_FILE);
  const scale: SkillScale | undefined = validate(skillScaleSchema, await readDocument(scaleFile, problems), scaleFile, problems);

  const rolesDir = join(dir, ROLES_DIR);
  let names: string[] = [];
  try {
    names = (await readdir(rolesDir)).filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
  } catch {
    problems.push({ file: rolesDir, path: "", message: "folder not found" });
  }
  if (names.length === 0 && problems.length === 0) {
    problems.push({ file: rolesDir, path: "", message: "holds no role file (.yaml, .yml or .json)" });
  }

  const roles = new Map<string, { role: Role; file: string }>();
  for (const name of names) {
    const file = join(rolesDir, name);
    const role = validate(roleSchema, await readDocument(file, problems), file, problems);
    if (!role) continue;
    const expectedId = basename(name, extname(name));
    if (role.id !== expectedId) problems.push({ file, path: "id", message: `"${role.id}" must match the file name "${expectedId}"` });
    else roles.set(role.id, { role, file });
  }
  checkReferences(roles, new Set(names.map((name) => basename(name, extname(name)))), problems);
  const cues = await loadCues(dir, problems);

  if (problems.length > 0 || !scale || !cues) throw new CatalogError(problems);
  return new RoleCatalog([...roles.values()].map((r) => r.role), scale, cues);
}
