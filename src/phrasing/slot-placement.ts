import { fold } from "../understanding/normalize.js";
import { SLOT_TOKEN, type Slot, type SlottedFact, type SlottedFacts } from "./fact-slots.js";
import type { AnswerProblem } from "./sentence-checks.js";

/** Where a clause ends; parentheses do not end one: "X (14 h) and Y (7 h)". */
const CLAUSE_BREAK = /[,;:]|\b(?:and|while|whereas|but|et|tandis|mais)\b/iu;
const MARK = (i: number) => ` slot${i}mark `;
const MARKED = /slot(\d+)mark/;

/** The word written right after each slot of a text: "modules" after the first slot of "6 modules, 72 hours". */
function wordsAfterSlots(text: string): Map<string, string> {
  const after = new Map<string, string>();
  for (const match of text.matchAll(SLOT_TOKEN)) {
    const next = fold(text.slice(match.index + match[0].length).replace(SLOT_TOKEN, " ")).split(" ")[0] ?? "";
    if (next.length >= 3) after.set(match[0], next);
  }
  return after;
}

/**
 * Figures stay with their claims. Within one fact, a figure is not moved onto another's unit
 * ("[[#2]] modules" where the fact says "6 modules, 72 hours"). Across facts, each figure's clause
 * holds a word of its own fact that the sentence's other figure facts lack: "[[p4#1]] are women"
 * is not made of the figure of "under forty" and the words of "are women".
 */
export function slotPlacementProblems(text: string, cited: readonly SlottedFact[], slotted: SlottedFacts): AnswerProblem[] {
  const placed = [...text.matchAll(SLOT_TOKEN)].map((m) => slotted.slots.get(m[0])).filter((slot): slot is Slot => slot?.kind === "figure");
  if (placed.length === 0) return [];
  const problems: AnswerProblem[] = [];
  const sentenceAfter = wordsAfterSlots(text);
  for (const slot of placed) {
    const fact = cited.find((f) => f.id === slot.factId);
    if (!fact) continue;
    const factAfter = wordsAfterSlots(fact.text);
    const written = sentenceAfter.get(slot.token);
    const own = factAfter.get(slot.token);
    const another = [...factAfter].some(([token, word]) => token !== slot.token && word === written);
    if (written && written !== own && another) problems.push({ reason: "misplaced-slot", detail: `${slot.token} before "${written}"` });
  }
  const figureFacts = cited.filter((fact) => placed.some((slot) => slot.factId === fact.id));
  if (figureFacts.length > 1) problems.push(...crossFactProblems(text, placed, figureFacts));
  return problems;
}

function crossFactProblems(text: string, placed: readonly Slot[], figureFacts: readonly SlottedFact[]): AnswerProblem[] {
  const tokens: string[] = [];
  const marked = text.replace(SLOT_TOKEN, (token) => MARK(tokens.push(token) - 1));
  const problems: AnswerProblem[] = [];
  for (const clause of marked.split(CLAUSE_BREAK)) {
    const words = fold(clause).split(" ");
    const slots = words.flatMap((word) => {
      const index = MARKED.exec(word)?.[1];
      return index === undefined ? [] : placed.filter((slot) => slot.token === tokens[Number(index)]);
    });
    for (const slot of slots) {
      const others = figureFacts.filter((fact) => fact.id !== slot.factId).map((fact) => ` ${fact.words} `).join(" ");
      const ownWords = figureFacts.find((fact) => fact.id === slot.factId)!.words.split(" ");
      const distinctive = ownWords.filter((word) => word.length >= 2 && !others.includes(` ${word} `));
      if (!words.some((word) => distinctive.includes(word) || distinctive.includes(word.replace(/s$/, "")))) {
        problems.push({ reason: "misplaced-slot", detail: `${slot.token} among words of another fact` });
      }
    }
  }
  return problems;
}
