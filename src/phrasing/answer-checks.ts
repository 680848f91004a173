import type { PhrasedAnswer } from "./phrasing-model.js";
import { INJECTION_MARKERS, sentenceProblems, type AnswerProblem, type SentenceContext } from "./sentence-checks.js";
import { fold } from "../understanding/normalize.js";

export type { AnswerProblem } from "./sentence-checks.js";

/** The prompt asks for `promptChars`; an answer past `maxChars` is rejected (models overshoot a little). */
export const ANSWER_LIMITS = { promptChars: 600, minChars: 20, maxChars: 900 } as const;

/** Orders to a reader or a model, which a catalogue fact has no reason to hold: such a fact is not sent. */
const INSTRUCTIONS = [
  ...INJECTION_MARKERS,
  ...["you must", "you are now", "from now on", "tell the user", "tell users", "answer with", "respond with", "reply with", "always say", "always answer", "do not mention", "tu dois", "vous devez", "desormais", "a partir de maintenant", "reponds", "repondez", "dis que", "dites que"].map(fold),
];

/**
 * An order about what to say, at a clause's start: missions are written as orders too ("Design
 * the programme"), but none tells anyone what to mention, write or never forget.
 */
const SPEECH_ORDER =
  /(?:^|[.!?;:]\s*)(?:make sure|be sure|remember to|(?:do not|don't|never) forget|mention|say|state|tell|write|note that|pr[ée]cise[rz]?|mentionne[rz]?|indique[rz]?|dis|dites|[ée]cri(?:s|vez)|rappelle[rz]?|signale[rz]?|veille[rz]? [àa]|n['’]oublie[rz]? (?:pas|jamais)|assure[rz]?[- ](?:toi|vous))\b/iu;
/** Words a statement about a role has no reason to hold: they address whoever reads the catalogue. */
const ADDRESSED = ["the reader", "every answer", "each answer", "your answer", "in your reply", "chaque reponse", "ta reponse", "votre reponse", "dans ta reponse"].map(fold);

/** Whether a fact's text reads as an order to the model rather than a statement about a role. */
export function instructionLike(text: string): boolean {
  const folded = ` ${fold(text)} `;
  return (
    [...INSTRUCTIONS, ...ADDRESSED].some((marker) => folded.includes(` ${marker} `)) ||
    SPEECH_ORDER.test(text) ||
    /<\||\[\/?INST\]|#{3}|\{\{|\}\}|\b(?:system|assistant|user|developer)\s*:/i.test(text)
  );
}

/**
 * Every reason the answer cannot be shown, sentence by sentence (an empty list means it may be
 * shown). All are reported, not only the first, so the evaluation can count each kind.
 */
export function answerProblems(answer: PhrasedAnswer, context: SentenceContext): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (answer.sentences.length === 0) problems.push({ reason: "length", detail: "no sentence" });
  const length = context.slotted.fill(answer.sentences.map((sentence) => sentence.text.trim()).join(" ")).length;
  if (length < ANSWER_LIMITS.minChars || length > ANSWER_LIMITS.maxChars) problems.push({ reason: "length", detail: `${length} characters` });
  for (const sentence of answer.sentences) problems.push(...sentenceProblems(sentence, context));
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(`${problem.reason} ${problem.detail}`) && seen.add(`${problem.reason} ${problem.detail}`));
}
