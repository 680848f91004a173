/**
 * Slack wants an action_id unique within its block (and we keep it unique within the message),
 * while the reply model reuses one action id on many buttons ("role.describe" for every role).
 * So the Slack action_id is `<model action id>:<button number>`, and the button's `value` carries
 * the model's value unchanged.
 * https://docs.slack.dev/reference/block-kit/block-elements/button-element
 */
const SEPARATOR = ":";
/** Slack's limit on action_id. */
export const ACTION_ID_MAX = 255;

export function encodeActionId(actionId: string, index: number): string {
  const suffix = `${SEPARATOR}${index}`;
  return `${actionId.slice(0, ACTION_ID_MAX - suffix.length)}${suffix}`;
}

/** The model's action id; an action_id Parcours did not make passes through whole (the core answers it politely). */
export function decodeActionId(slackActionId: string): string {
  const at = slackActionId.lastIndexOf(SEPARATOR);
  return at > 0 && /^\d+$/.test(slackActionId.slice(at + 1)) ? slackActionId.slice(0, at) : slackActionId;
}
