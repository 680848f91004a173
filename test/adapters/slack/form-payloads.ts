import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../src/config/package-root.js";
import type { SeenButton } from "./seen-message.js";

/**
 * Interactions built from fixtures of Slack's payloads: the press of a button on a channel's
 * message (a survey card's Answer), the press of the button that opens a Parcours form, and the
 * view_submission of the modal views.open was given, submitted as the user would when they accept
 * what the modal showed.
 */
type Json = Record<string, any>;

const fixture = (name: string): Json => JSON.parse(readFileSync(join(packageRoot(), "test", "fixtures", "slack", `${name}.json`), "utf8")) as Json;

let sequence = 0;
const unique = () => `${process.pid}${Date.now()}${++sequence}`;

/** The press of a button on a message posted in a channel (not in a thread), by `user`, as Slack sends it. */
export function pressInChannel(button: SeenButton, at: { user: string; channel: string; messageTs: string }): Json {
  const payload = fixture("block-actions-channel");
  payload.trigger_id = `${unique()}.0000.fakeTriggerPress`;
  payload.user = { ...payload.user, id: at.user };
  payload.container = { ...payload.container, channel_id: at.channel, message_ts: at.messageTs };
  payload.channel = { ...payload.channel, id: at.channel };
  payload.message = { ...payload.message, ts: at.messageTs };
  payload.actions[0] = { ...payload.actions[0], action_id: button.slackActionId, value: button.value, text: { type: "plain_text", text: button.label, emoji: true } };
  return payload;
}

/** Where the message with the form's button was shown, and who pressed it. */
export interface FormPressPlace {
  user: string;
  channel: string;
  /** The ts of the message the button is on. */
  messageTs?: string;
  /** The thread the message is in, when it is a reply in a thread. */
  threadTs?: string;
  /** For a button on an ephemeral message: the response_url Slack sends with its press. */
  responseUrl?: string;
}

/** A block_actions payload for the press of a form's button, as Slack sends it from where the button was shown. */
export function formButtonPress(button: SeenButton, at: FormPressPlace): Json {
  const payload = fixture("block-actions-form");
  payload.trigger_id = `${unique()}.0000.fakeTriggerForm`;
  payload.user = { ...payload.user, id: at.user };
  payload.actions[0] = { ...payload.actions[0], action_id: button.slackActionId, value: button.value, text: { type: "plain_text", text: button.label, emoji: true } };
  payload.container.channel_id = at.channel;
  payload.channel.id = at.channel;
  if (at.threadTs) {
    payload.container.thread_ts = at.threadTs;
    payload.message.thread_ts = at.threadTs;
  } else {
    delete payload.container.thread_ts;
    delete payload.message.thread_ts;
    delete payload.message.parent_user_id;
  }
  if (at.messageTs) {
    payload.container.message_ts = at.messageTs;
    payload.message.ts = at.messageTs;
  }
  if (at.responseUrl) {
    // A press on an ephemeral message names no message, and brings its own response_url.
    payload.container.is_ephemeral = true;
    payload.response_url = at.responseUrl;
    delete payload.message;
  }
  return payload;
}

/** The element of a modal's input block, as views.open was given it. */
export const modalInput = (view: Json, blockId: string): Json => (view.blocks as Json[]).find((b) => b.type === "input" && b.block_id === blockId)?.element as Json;

/** An input's state as Slack sends it when the user left the initial value as it was. */
function stateOf(element: Json): Json {
  switch (element.type) {
    case "plain_text_input":
    case "number_input":
      return { type: element.type, value: element.initial_value ?? null };
    case "datepicker":
      return { type: element.type, selected_date: element.initial_date ?? null };
    case "static_select":
      return { type: element.type, selected_option: element.initial_option ?? null };
    case "multi_static_select":
      return { type: element.type, selected_options: element.initial_options ?? [] };
    default:
      throw new Error(`no state for a ${String(element.type)} element`);
  }
}

const isEmpty = (state: Json) =>
  state.value === null || state.value === "" || state.selected_date === null || state.selected_option === null || (Array.isArray(state.selected_options) && state.selected_options.length === 0);

/**
 * The `state.values` of a modal submitted with its initial values: by block_id, then by the
 * element's action_id. Slack's client does not submit a modal with a required input left empty,
 * so neither does this: it throws, naming the input.
 * https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission
 */
export function valuesAsShown(blocks: Json[]): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const block of blocks) {
    if (block.type !== "input") continue;
    const state = stateOf(block.element);
    if (!block.optional && isEmpty(state)) throw new Error(`Slack would not submit the modal: "${String(block.block_id)}" is required and has no initial value`);
    values[block.block_id] = { [block.element.action_id]: state };
  }
  return values;
}

/**
 * A view_submission of the modal views.open was given (`opened`, its `view` argument), by `user`,
 * with what the modal showed accepted as it was; `change` edits the payload before it is sent.
 */
export function submissionAsShown(opened: Json, user: string, change: (payload: Json) => void = () => undefined): Json {
  const payload = fixture("view-submission");
  const id = `V0MODAL${unique()}`;
  payload.trigger_id = `${unique()}.0000.fakeTriggerSubmit`;
  payload.user = { ...payload.user, id: user };
  Object.assign(payload.view, {
    id,
    root_view_id: id,
    hash: `${unique()}.fakehash`,
    callback_id: opened.callback_id,
    private_metadata: opened.private_metadata,
    title: opened.title,
    submit: opened.submit,
    blocks: opened.blocks,
    state: { values: valuesAsShown(opened.blocks as Json[]) },
  });
  change(payload);
  return payload;
}
