import type { AnswerRequest } from "../answers/answer.js";
import type { Reply } from "../answers/reply.js";

/**
 * How a template answer is worded for the user. The facts are already chosen when this runs:
 * an implementation may only reword them, and must return the template reply whenever it
 * cannot prove its wording says nothing else.
 */
export interface Phrasing {
  phrase(request: AnswerRequest, reply: Reply): Promise<Reply>;
}

/** The default: the template answer as it is. */
export const templatePhrasing: Phrasing = {
  phrase: async (_request, reply) => reply,
};
