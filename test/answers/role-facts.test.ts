import { describe, expect, it } from "vitest";
import { roleQuestion } from "../../src/answers/answer.js";
import {
  careerMove,
  compareSkills,
  moduleStatement,
  movesInto,
  profileStatement,
  skillsToGrow,
  skillTarget,
  trainingPathTotal,
} from "../../src/answers/role-facts.js";
import { PHRASED_INTENTS } from "../../src/phrasing/fact-list.js";
import { INTENTS } from "../../src/understanding/understanding.js";
import { shippedCatalog } from "../helpers.js";
import { typesetFrench } from "../../src/i18n/french-typography.js";

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe("what the answers state about a role", async () => {
  const catalog = await shippedCatalog();
  const architect = catalog.get("learning-architect");
  const designer = catalog.get("learning-designer");
  const dlm = catalog.get("digital-learning-manager");
  const trainer = catalog.get("expert-trainer");
  const projectManager = catalog.get("training-project-manager");

  describe("career moves", () => {
    it("takes the destination's note when both roles record the move", () => {
      const move = careerMove(designer, architect)!;
      expect(move.from).toBe("learning-designer");
      expect(move.note.en).toMatch(/^An experienced learning designer can widen their scope/);
    });

    it("falls back on the origin's note when only the origin records it", () => {
      const move = careerMove(dlm, architect)!;
      expect(move.to).toBe("learning-architect");
      expect(move.note.en).toBe("Experience of multimodal projects prepares a DLM to design and steer cross-functional programmes.");
    });

    it("finds nothing between roles with no recorded move", () => {
      expect(careerMove(trainer, architect)).toBeUndefined();
    });

    it("lists the moves into a role from known roles only, in the catalogue's order", () => {
      expect(movesInto(catalog, architect).map((move) => move.from.id)).toEqual(["learning-designer", "training-project-manager"]);
      expect(movesInto(catalog, trainer)).toEqual([]);
      const withRetiredOrigin = { ...architect, careerMoves: [{ from: "retired-role", note: { fr: "Ancien.", en: "Former." } }, ...architect.careerMoves] };
      expect(movesInto(catalog, withRetiredOrigin).map((move) => move.from.id)).toEqual(["learning-designer", "training-project-manager"]);
    });
  });

  describe("skills", () => {
    it("grows the skills the current role lacks or holds below the target level, not those held at or above it", () => {
      // Project manager from DLM: project management 5 > 4 grows, stakeholder coordination 4 = 4 and learning design 3 < 4 are held.
      expect(ids(skillsToGrow(projectManager, dlm))).toEqual(["project-management", "provider-management", "learning-technologies", "learning-evaluation"]);
      expect(skillsToGrow(architect, architect)).toEqual([]);
    });

    it("splits two roles' skills into shared and own, keeping the first role's order and levels for the shared ones", () => {
      const skills = compareSkills(architect, dlm);
      expect(ids(skills.shared)).toEqual(["learning-design", "internal-consulting"]);
      expect(skills.shared.map((skill) => skill.targetLevel)).toEqual([5, 5]);
      expect(ids(skills.onlyFirst)).toEqual(["ai-for-learning", "learning-analytics", "learning-technologies", "strategic-alignment", "programme-leadership"]);
      expect(ids(skills.onlySecond)).toEqual(["technology-watch", "project-management", "stakeholder-coordination", "communication-campaigns", "learner-experience-impact", "team-enablement"]);
    });

    it("words a target level with the scale's label in each locale", () => {
      const aiForLearning = architect.skills.find((skill) => skill.id === "ai-for-learning")!;
      expect(skillTarget(catalog, aiForLearning, "en")).toBe("target 4/5 (Advanced)");
      expect(skillTarget(catalog, aiForLearning, "fr")).toBe("cible 4/5 (Maîtrise)");
    });
  });

  describe("training path", () => {
    it("adds up the modules and their hours", () => {
      expect(trainingPathTotal(designer)).toEqual({ modules: 6, hours: 83 });
      expect(trainingPathTotal(dlm)).toEqual({ modules: 6, hours: 59 });
      expect(trainingPathTotal({ ...dlm, trainingPath: [] })).toEqual({ modules: 0, hours: 0 });
    });

    it("states a module with its format, hours and the skills it raises, named in the locale", () => {
      const module = dlm.trainingPath.find((m) => m.id === "dlm-agile-learning-projects")!;
      expect(moduleStatement(catalog, dlm, module, "en")).toBe(
        "Running learning projects in short cycles: classroom, 14 h (Project management → 4/5, Stakeholder coordination → 3/5)",
      );
      expect(moduleStatement(catalog, dlm, module, "fr")).toBe(
        typesetFrench("Conduire des projets de formation en cycles courts : présentiel, 14 h (Gestion de projet → 4/5, Coordination des parties prenantes → 3/5)"),
      );
    });
  });

  it("states a profile figure with its population and year", () => {
    expect(profileStatement(dlm.profile[1]!, "en")).toBe(
      "Close to four in five digital learning managers are women. (Digital learning managers surveyed by Learn Assembly in summer 2016, 2016)",
    );
  });
});

describe("the role answer a request gets", async () => {
  const catalog = await shippedCatalog();

  it("resolves the roles and keeps the second one for a path or a comparison", () => {
    expect(roleQuestion(catalog, { intent: "role.path", roles: ["learning-architect", "expert-trainer"], locale: "en" })).toMatchObject({
      intent: "role.path",
      role: { id: "learning-architect" },
      from: { id: "expert-trainer" },
    });
    expect(roleQuestion(catalog, { intent: "role.compare", roles: ["learning-architect", "digital-learning-manager"], locale: "en" })).toMatchObject({
      intent: "role.compare",
      other: { id: "digital-learning-manager" },
    });
  });

  it("describes the role when a comparison names only one known role, and takes a path from nowhere when the origin is unknown", () => {
    expect(roleQuestion(catalog, { intent: "role.compare", roles: ["learning-architect", "no-such-role"], locale: "en" })).toEqual({
      intent: "role.describe",
      role: catalog.get("learning-architect"),
    });
    expect(roleQuestion(catalog, { intent: "role.path", roles: ["learning-architect", "no-such-role"], locale: "en" })).toMatchObject({ from: undefined });
  });

  it("gives no role answer without a known first role or outside the role intents", () => {
    expect(roleQuestion(catalog, { intent: "role.skills", roles: ["no-such-role", "learning-architect"], locale: "en" })).toBeUndefined();
    expect(roleQuestion(catalog, { intent: "role.list", roles: ["learning-architect"], locale: "en" })).toBeUndefined();
  });

  it("answers about a role for exactly the intents the phrasing may reword", () => {
    const roles = ["learning-architect", "digital-learning-manager"];
    const answered = INTENTS.filter((intent) => roleQuestion(catalog, { intent, roles, locale: "en" }) !== undefined);
    expect(answered).toEqual([...PHRASED_INTENTS]);
  });
});
