import type { webApi } from "@slack/bolt";
import { placeOfPress } from "../answer-place.js";
import { toModal } from "../form-modal.js";
import type { BlockActionsFields } from "../payload-shapes.js";
import { slackCall } from "../slack-failure.js";
import type { SlackDeps } from "../slack-deps.js";

/**
 * The press of a form's button: the kept form opens as a modal. A trigger_id is good for 3
 * seconds, so views.open comes right after the acknowledgement, with one read of the store
 * before it and nothing slow (no locale lookup, no core). The modal carries where the press
 * was, for the answer to the submission. Answers false when the form is no longer kept.
 * https://docs.slack.dev/surfaces/modals#opening_modals
 */
export async function openForm(deps: SlackDeps, payload: BlockActionsFields, formKey: string, client: webApi.WebClient): Promise<boolean> {
  const form = await deps.forms.find(formKey);
  if (!form) return false;
  // A refusal (expired_trigger_id when Slack was slow) is logged by the listener's work; pressing again brings a fresh trigger.
  await slackCall(() => client.views.open({ trigger_id: payload.trigger_id, view: toModal(form, formKey, placeOfPress(payload)) }));
  return true;
}
