import type { App, ViewSubmitAction } from "@slack/bolt";
import type { FormSubmission } from "../../../src/answers/reply.js";
import { deliverReply } from "../../../src/outbound/deliver-reply.js";
import { conversationAt, resolvePlace } from "../answer-place.js";
import { FORM_CALLBACK_ID, readFormMetadata, readSubmission } from "../form-modal.js";
import type { ViewSubmissionFields } from "../payload-shapes.js";
import { PLATFORM, type SlackDeps } from "../slack-deps.js";
import { FORM_OPEN_ACTION } from "../to-block-kit.js";

/**
 * A submitted form. The core answers after the acknowledgement, possibly after Slack's 3
 * seconds, so its answer cannot be a `response_action` (errors shown in the modal): the
 * acknowledgement is empty, which closes the modal, and the core's answer (a confirmation, or what
 * to correct) is posted where the form's button was, as the answer to that press would have been.
 * Slack itself refuses an empty required field and a number out of range before submitting.
 * https://docs.slack.dev/surfaces/modals#interactions
 * The payload's shape, and the form's metadata, were checked before any listener ran (payload-shapes.ts).
 */
export function listenToFormSubmissions(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>({ callback_id: FORM_CALLBACK_ID, type: "view_submission" }, async ({ ack, body, client }) => {
    await ack();
    await deps.work.track("view_submission", async () => {
      const payload = body as unknown as ViewSubmissionFields;
      const { view } = payload;
      const metadata = readFormMetadata(view.private_metadata)!;
      const submit = metadata.submit ?? (await deps.forms.find(metadata.formKey ?? ""))?.submit;
      const userId = payload.user.id;
      const locale = await deps.locales.of(client, userId);
      const submission: FormSubmission = { context: submit?.value ?? "", fields: readSubmission(view.state.values) };
      const reply = await deps.bot.handleAction({
        platform: PLATFORM,
        userId,
        conversationId: conversationAt(userId, metadata.answerTo),
        // A form too large to carry its own context, and no longer kept, is answered as a button the core no longer knows.
        actionId: submit?.actionId ?? FORM_OPEN_ACTION,
        value: submit ? JSON.stringify(submission) : "",
        // A view is submitted once: the modal closes with the acknowledgement.
        deliveryId: `form:${view.id}`,
        ...(locale ? { locale } : {}),
      });
      if (!reply) return;
      const answer = await resolvePlace(deps, client, userId, metadata.answerTo);
      await deliverReply(answer.port, reply, answer.origin);
    });
  });
}
