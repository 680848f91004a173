import { reply, type Block, type Reply } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import { flowButton } from "../flows/flow-action.js";
import { SURVEY_FLOW } from "./survey-answer-flow.js";
import type { Survey } from "./survey.js";
import { formatDeadline, surveyMessages } from "./survey-messages.js";

/**
 * The card posted in the channel: what the survey is, the role, the deadline, the anonymity rule
 * in one sentence, the Answer button and the live count. Closed, it keeps only the count.
 */
export function surveyCard(catalog: RoleCatalog, survey: Survey, responses: number, creatorName: string | undefined): Reply {
  const m = surveyMessages(survey.locale).card;
  const role = catalog.find(survey.roleId);
  const blocks: Block[] = [{ type: "header", text: m.header(survey.title) }];
  if (survey.closedAt !== undefined) {
    blocks.push({ type: "text", text: m.closed(responses) });
    return reply(blocks);
  }
  blocks.push(
    { type: "text", text: m.about(role?.names[survey.locale] ?? survey.roleId, survey.skillIds.length) },
    { type: "text", text: m.deadline(formatDeadline(survey.deadlineAt, survey.locale, survey.timeZone)) },
    { type: "text", text: survey.anonymous ? m.anonymous(survey.minResponses) : m.named(creatorName) },
    { type: "text", text: m.count(responses) },
    { type: "buttons", buttons: [flowButton(SURVEY_FLOW, "answer", { survey: survey.id }, m.answer, "primary")] },
  );
  return reply(blocks);
}
