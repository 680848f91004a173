import { RoleCatalog } from "../src/catalog/role-catalog.js";
import { roleSchema, type Role } from "../src/catalog/schema.js";

const QUALIFIERS = ["digital", "global", "regional", "senior", "junior", "lead", "principal", "associate", "chief", "field", "virtual", "hybrid", "agile", "strategic", "operational", "technical", "creative", "clinical", "industrial", "retail"];
const DOMAINS = ["onboarding", "compliance", "leadership", "sales", "safety", "coaching", "content", "media", "analytics", "quality", "mentoring", "language", "product", "service", "talent", "culture", "wellbeing", "innovation", "security", "finance"];
const NOUNS = ["specialist", "coordinator", "consultant", "officer", "partner", "curator", "facilitator", "strategist", "producer", "analyst"];

/** A synthetic role with realistic shape, for measuring how the bot scales with the catalogue. */
function syntheticRole(index: number): Role {
  const name = `${QUALIFIERS[index % 20]} ${DOMAINS[Math.floor(index / 20) % 20]} ${NOUNS[Math.floor(index / 400) % 10]}`;
  const id = `${name.replace(/ /g, "-")}-${index}`;
  const skills = [0, 1, 2, 3, 4].map((k) => ({
    id: `skill-${k}`,
    kind: "technical" as const,
    targetLevel: 3 + (k % 3),
    name: { fr: `Compétence ${k} ${index}`, en: `Skill ${k} ${index}` },
    covers: { fr: "Description de test.", en: "Test description." },
  }));
  return roleSchema.parse({
    id,
    sample: true,
    names: { fr: `${name} ${index}`, en: `${name} ${index}` },
    aliases: { fr: [`alias ${name} ${index}`], en: [] },
    summary: { fr: "Rôle généré pour les mesures.", en: "Role generated for measurements." },
    missions: [{ text: { fr: "Mission de test.", en: "Test mission." }, source: "bench" }],
    skills,
    trainingPath: [{ id: `module-${index}`, title: { fr: "Module", en: "Module" }, format: "e-learning", durationHours: 4, raises: [{ skill: "skill-0", toLevel: 4 }] }],
    sources: [{ id: "bench", publisher: "Parcours", title: "Generated", year: 2026 }],
  });
}

/** The shipped roles plus generated ones, up to `size` roles in all. */
export function generatedCatalog(shipped: RoleCatalog, size: number): RoleCatalog {
  const roles = [...shipped.roles()];
  for (let i = 0; roles.length < size; i++) roles.push(syntheticRole(i));
  return new RoleCatalog(roles, shipped.scale, shipped.cues);
}
