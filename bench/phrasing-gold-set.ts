import type { AnswerRequest } from "../src/answers/answer.js";

/**
 * The (role, intent, locale) cases `npm run eval:phrasing` puts to the configured model: every
 * shipped role, every phrased intent, both locales, and the answers with the most figures
 * (profiles, paths) in both languages. The expected content is the facts themselves.
 */
export const PHRASING_GOLD_SET: readonly AnswerRequest[] = [
  { intent: "role.describe", roles: ["learning-architect"], locale: "en" },
  { intent: "role.describe", roles: ["learning-architect"], locale: "fr" },
  { intent: "role.describe", roles: ["digital-learning-manager"], locale: "fr" },
  { intent: "role.describe", roles: ["expert-trainer"], locale: "en" },
  { intent: "role.describe", roles: ["training-project-manager"], locale: "fr" },
  { intent: "role.skills", roles: ["learning-designer"], locale: "en" },
  { intent: "role.skills", roles: ["learning-designer"], locale: "fr" },
  { intent: "role.skills", roles: ["training-manager"], locale: "en" },
  { intent: "role.skills", roles: ["learning-architect"], locale: "fr" },
  { intent: "role.path", roles: ["learning-architect"], locale: "en" },
  { intent: "role.path", roles: ["digital-learning-manager"], locale: "fr" },
  { intent: "role.path", roles: ["learning-architect", "learning-designer"], locale: "fr" },
  { intent: "role.path", roles: ["training-manager", "training-project-manager"], locale: "en" },
  { intent: "role.compare", roles: ["digital-learning-manager", "training-manager"], locale: "en" },
  { intent: "role.compare", roles: ["digital-learning-manager", "training-manager"], locale: "fr" },
  { intent: "role.compare", roles: ["learning-designer", "expert-trainer"], locale: "fr" },
  { intent: "role.compare", roles: ["learning-architect", "training-project-manager"], locale: "en" },
  { intent: "role.profile", roles: ["digital-learning-manager"], locale: "en" },
  { intent: "role.profile", roles: ["digital-learning-manager"], locale: "fr" },
  { intent: "role.profile", roles: ["learning-architect"], locale: "en" },
  { intent: "role.profile", roles: ["training-manager"], locale: "fr" },
];
