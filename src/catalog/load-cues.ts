import { join } from "node:path";
import { LOCALES } from "./schema.js";
import { readDocument, validate, type CatalogProblem } from "./catalog-files.js";
import { fold } from "../understanding/normalize.js";
import { cueFileSchema, type CueFile, type CueGroup, type UnderstandingCues } from "./cues-schema.js";
import type { CueIntent } from "../understanding/understanding.js";

const CUES_DIR = "understanding";
const cueFileName = (locale: string) => `cues.${locale}.yaml`;

/**
 * Reads `understanding/cues.<locale>.yaml` for every locale and merges them: a message is read
 * with every locale's cues, and a group named in two files is one group, whose weight and
 * `atStart` both files must agree on.
 */
export async function loadCues(dir: string, problems: CatalogProblem[]): Promise<UnderstandingCues | undefined> {
  const files: { file: string; cues: CueFile }[] = [];
  let complete = true;
  for (const locale of LOCALES) {
    const file = join(dir, CUES_DIR, cueFileName(locale));
    const document = await readDocument(file, problems);
    const cues = document === undefined ? undefined : validate(cueFileSchema, document, file, problems);
    if (cues) files.push({ file, cues });
    else complete = false;
  }
  const merged: UnderstandingCues = { intents: {}, openers: [], fillers: [], pointers: [], currentRole: [], targetRole: [], outOfScope: [], shorthand: new Map(), reportedBy: [], someoneElse: [], dismissed: [] };
  const groupFiles = new Map<CueGroup, string>();
  for (const { file, cues } of files) {
    merged.openers.push(...cues.openers);
    merged.fillers.push(...cues.fillers);
    merged.pointers.push(...cues.pointers);
    merged.currentRole.push(...cues.currentRole);
    merged.targetRole.push(...cues.targetRole);
    merged.outOfScope.push(...cues.outOfScope);
    merged.reportedBy.push(...cues.reportedBy);
    merged.someoneElse.push(...cues.someoneElse);
    merged.dismissed.push(...cues.dismissed);
    for (const [clipped, full] of Object.entries(cues.shorthand)) {
      const [key, value] = [fold(clipped), fold(full)];
      const known = merged.shorthand.get(key);
      if (known !== undefined && known !== value) problems.push({ file, path: `shorthand.${clipped}`, message: `is "${full}", but another file reads it "${known}"` });
      else merged.shorthand.set(key, value);
    }
    for (const [intent, groups] of Object.entries(cues.intents) as [CueIntent, CueFile["intents"][CueIntent]][]) {
      const known = (merged.intents[intent] ??= []);
      for (const [name, group] of Object.entries(groups ?? {})) {
        const same = known.find((g) => g.name === name);
        if (!same) {
          const added = { name, ...group, phrases: [...group.phrases], unless: [...group.unless], notAfter: [...group.notAfter] };
          known.push(added);
          groupFiles.set(added, file);
          continue;
        }
        for (const field of ["weight", "atStart"] as const) {
          if (same[field] !== group[field]) {
            problems.push({ file, path: `intents.${intent}.${name}.${field}`, message: `is ${group[field]}, but ${groupFiles.get(same)} gives the same group ${same[field]}` });
          }
        }
        same.phrases.push(...group.phrases);
        same.unless.push(...group.unless);
        same.notAfter.push(...group.notAfter);
      }
    }
  }
  return complete ? merged : undefined;
}
