/**
 * An independent check of what Slack refuses with `invalid_blocks`, written from Slack's
 * reference pages rather than from the renderer, so the fake API can answer as Slack does.
 * https://docs.slack.dev/reference/block-kit/blocks
 */
type Json = Record<string, any>;

export function blockKitProblems(blocks: unknown, surface: "message" | "home" | "modal" = "message"): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  const maxBlocks = surface === "message" ? 50 : 100;
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks, more than ${maxBlocks}`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const text = (where: string, object: Json | undefined, max: number, kind?: string) => {
    if (!object || typeof object.text !== "string") return problems.push(`${where}: missing text`);
    if (kind && object.type !== kind) problems.push(`${where}: must be ${kind}`);
    if (object.text.length === 0) problems.push(`${where}: empty text`);
    if (object.text.length > max) problems.push(`${where}: ${object.text.length} characters, more than ${max}`);
  };
  blocks.forEach((block: Json, i) => {
    const at = `blocks[${i}] (${block.type})`;
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== "string" || !block.block_id || block.block_id.length > 255) problems.push(`${at}: bad block_id`);
      if (blockIds.has(block.block_id)) problems.push(`${at}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case "header":
        text(at, block.text, 150, "plain_text");
        break;
      case "section":
        if (!block.text && !block.fields) problems.push(`${at}: needs text or fields`);
        if (block.text) text(at, block.text, 3000);
        if (block.fields) {
          if (block.fields.length > 10) problems.push(`${at}: ${block.fields.length} fields, more than 10`);
          block.fields.forEach((f: Json, j: number) => text(`${at}.fields[${j}]`, f, 2000));
        }
        break;
      case "actions":
        if (!block.elements?.length) problems.push(`${at}: no elements`);
        if (block.elements?.length > 25) problems.push(`${at}: ${block.elements.length} elements, more than 25`);
        (block.elements ?? []).forEach((e: Json, j: number) => {
          const where = `${at}.elements[${j}]`;
          text(where, e.text, 75, "plain_text");
          if (typeof e.action_id !== "string" || e.action_id.length > 255) problems.push(`${where}: bad action_id`);
          if (actionIds.has(e.action_id)) problems.push(`${where}: duplicate action_id ${e.action_id}`);
          actionIds.add(e.action_id);
          if (e.value !== undefined && (typeof e.value !== "string" || e.value.length === 0 || e.value.length > 2000)) problems.push(`${where}: bad value`);
        });
        break;
      case "context":
        if (!block.elements?.length || block.elements.length > 10) problems.push(`${at}: needs 1 to 10 elements`);
        (block.elements ?? []).forEach((e: Json, j: number) => text(`${at}.elements[${j}]`, e, 3000));
        break;
      case "image":
        if (typeof block.image_url !== "string" || block.image_url.length > 3000) problems.push(`${at}: bad image_url`);
        if (typeof block.alt_text !== "string" || !block.alt_text || block.alt_text.length > 2000) problems.push(`${at}: bad alt_text`);
        break;
      case "divider":
        break;
      case "input":
        if (surface === "message") problems.push(`${at}: input blocks only go in views`);
        text(`${at}.label`, block.label, 2000, "plain_text");
        if (block.optional !== undefined && typeof block.optional !== "boolean") problems.push(`${at}: optional must be a boolean`);
        problems.push(...inputElementProblems(`${at}.element`, block.element));
        break;
      default:
        problems.push(`${at}: unknown block type`);
    }
  });
  return problems;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The option objects of a select: 1 to 100, text at most 75 characters, value at most 150. https://docs.slack.dev/reference/block-kit/composition-objects/option-object */
function optionProblems(where: string, options: unknown): string[] {
  if (!Array.isArray(options) || options.length === 0 || options.length > 100) return [`${where}: needs 1 to 100 options`];
  return options.flatMap((o: Json, j: number) => {
    const problems: string[] = [];
    if (o.text?.type !== "plain_text" || typeof o.text.text !== "string" || !o.text.text || o.text.text.length > 75) problems.push(`${where}[${j}]: bad text`);
    if (typeof o.value !== "string" || !o.value || o.value.length > 150) problems.push(`${where}[${j}]: bad value`);
    return problems;
  });
}

/** An initial option must be one of the options, text and value alike. */
const isOneOf = (option: Json, options: Json[]) => options.some((o) => o.value === option.value && o.text?.text === option.text?.text);

/** The elements of input blocks Parcours uses. https://docs.slack.dev/reference/block-kit/block-elements */
function inputElementProblems(at: string, e: Json | undefined): string[] {
  if (!e) return [`${at}: missing`];
  const problems: string[] = [];
  if (typeof e.action_id !== "string" || !e.action_id || e.action_id.length > 255) problems.push(`${at}: bad action_id`);
  switch (e.type) {
    case "plain_text_input":
      if (e.max_length !== undefined && (!Number.isInteger(e.max_length) || e.max_length < 1 || e.max_length > 3000)) problems.push(`${at}: max_length must be 1 to 3000`);
      if (e.initial_value !== undefined && (typeof e.initial_value !== "string" || e.initial_value.length > (e.max_length ?? 3000))) problems.push(`${at}: initial_value longer than max_length`);
      break;
    case "number_input": {
      if (typeof e.is_decimal_allowed !== "boolean") problems.push(`${at}: is_decimal_allowed is required`);
      const [min, max, initial] = [e.min_value, e.max_value, e.initial_value].map((v) => (v === undefined ? undefined : Number(v)));
      if ([e.min_value, e.max_value, e.initial_value].some((v) => v !== undefined && (typeof v !== "string" || Number.isNaN(Number(v))))) problems.push(`${at}: numbers are strings`);
      if (min !== undefined && max !== undefined && min > max) problems.push(`${at}: min_value greater than max_value`);
      if (initial !== undefined && ((min !== undefined && initial < min) || (max !== undefined && initial > max))) problems.push(`${at}: initial_value out of range`);
      if (initial !== undefined && e.is_decimal_allowed === false && !Number.isInteger(initial)) problems.push(`${at}: decimal initial_value`);
      break;
    }
    case "datepicker":
      if (e.initial_date !== undefined && !(typeof e.initial_date === "string" && DAY.test(e.initial_date))) problems.push(`${at}: initial_date must be YYYY-MM-DD`);
      break;
    case "static_select":
      problems.push(...optionProblems(`${at}.options`, e.options));
      if (e.initial_option !== undefined && !isOneOf(e.initial_option, e.options ?? [])) problems.push(`${at}: initial_option is not one of the options`);
      break;
    case "multi_static_select":
      problems.push(...optionProblems(`${at}.options`, e.options));
      if (e.initial_options !== undefined && !(Array.isArray(e.initial_options) && e.initial_options.every((o: Json) => isOneOf(o, e.options ?? [])))) problems.push(`${at}: initial_options are not among the options`);
      break;
    default:
      problems.push(`${at}: element ${e.type} not checked by the fake`);
  }
  return problems;
}

/**
 * What views.open refuses in a modal: a title, submit and close of at most 24 characters (submit
 * required with input blocks), private_metadata of at most 3,000, callback_id of at most 255, and
 * at most 100 blocks. https://docs.slack.dev/reference/views/modal-views
 */
export function modalProblems(view: Json | undefined): string[] {
  if (!view || view.type !== "modal") return ["view: must be a modal"];
  const problems: string[] = [];
  const label = (name: string, object: Json | undefined, required: boolean) => {
    if (object === undefined) return required ? problems.push(`${name}: required`) : undefined;
    if (object.type !== "plain_text" || typeof object.text !== "string" || !object.text || object.text.length > 24) problems.push(`${name}: plain_text of 1 to 24 characters`);
  };
  label("title", view.title, true);
  label("submit", view.submit, (view.blocks ?? []).some((b: Json) => b.type === "input"));
  label("close", view.close, false);
  if (view.private_metadata !== undefined && (typeof view.private_metadata !== "string" || view.private_metadata.length > 3000)) problems.push("private_metadata: more than 3000 characters");
  if (view.callback_id !== undefined && (typeof view.callback_id !== "string" || view.callback_id.length > 255)) problems.push("callback_id: more than 255 characters");
  problems.push(...blockKitProblems(view.blocks, "modal"));
  return problems;
}
