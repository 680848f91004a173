import type { Role } from "../catalog/schema.js";
import type { Locale } from "../catalog/schema.js";
import { csvCell } from "../records/csv-cell.js";
import type { TeamResults } from "./team-results.js";

const round = (n: number) => Math.round(n * 100) / 100;

const HEADERS: Record<Locale, string[]> = {
  en: ["skill", "target", "rated", "mean", "gap", "level 1", "level 2", "level 3", "level 4", "level 5"],
  fr: ["compétence", "cible", "réponses", "moyenne", "écart", "niveau 1", "niveau 2", "niveau 3", "niveau 4", "niveau 5"],
};

/** The same aggregates as the results, one line a skill; a skill below the minimum has its figures left empty. */
export function resultsCsv(results: TeamResults, role: Role, locale: Locale): string {
  const lines = results.skills.map((skill) => {
    const name = role.skills.find((s) => s.id === skill.skillId)?.name[locale] ?? skill.skillId;
    const f = results.shown ? skill.figures : undefined;
    const figures = f ? [round(f.mean), round(f.gap), ...f.distribution] : ["", "", "", "", "", "", ""];
    // How many rated a skill too few rated would say who skipped it: only beside its figures.
    return [name, skill.target, f ? skill.rated : "", ...figures].map(csvCell).join(",");
  });
  return [HEADERS[locale].map(csvCell).join(","), ...lines].join("\r\n") + "\r\n";
}
