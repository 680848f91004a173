import { RuleBasedUnderstanding } from "../../src/understanding/rule-based-understanding.js";
import { shippedCatalog } from "../helpers.js";

/** Wednesday 19 February 2025, 11:00 in Paris (UTC+1 until the clocks change on 30 March). */
export const NOW = new Date("2025-02-19T10:00:00Z");
export const PARIS = "Europe/Paris";

export const DLM = "digital-learning-manager";
export const LA = "learning-architect";
export const LD = "learning-designer";
export const TM = "training-manager";
export const TRAINER = "expert-trainer";

export const shippedUnderstanding = async () => new RuleBasedUnderstanding(await shippedCatalog());
