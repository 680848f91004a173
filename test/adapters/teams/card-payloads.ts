/**
 * What Teams shows of an Adaptive Card form and what it posts back when its Action.Submit is
 * pressed: a message activity whose `value` is the button's data with every input added under its
 * id, as a string, an input left empty left out.
 * https://learn.microsoft.com/adaptive-cards/authoring-cards/input-validation
 */
type Json = Record<string, any>;

/** Every node of the card's attachments that `keep` accepts, depth first. */
function nodesOf(activity: Json, keep: (node: Json) => boolean): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (keep(node as Json)) found.push(node as Json);
    Object.values(node).forEach(walk);
  };
  walk(activity.attachments);
  return found;
}

/** Every input of a card, with the value it shows. */
export const inputsOf = (activity: Json): Json[] => nodesOf(activity, (node) => typeof node.type === "string" && node.type.startsWith("Input."));

/** The data of the card's Action.Submit buttons, whole (a form's carries the fields' kinds too). */
const submitData = (activity: Json): Json[] => nodesOf(activity, (node) => node.type === "Action.Submit").map((action) => action.data as Json);

/**
 * The `value` Teams posts for the card's one form submitted with what it showed, and `typed` over
 * it (by input id; "" empties an input).
 */
export function submittedAsShown(activity: Json, typed: Record<string, string> = {}): Json {
  const [data, ...others] = submitData(activity);
  if (!data || others.length > 0) throw new Error("the card has no form, or more than one button");
  const shown = Object.fromEntries(inputsOf(activity).map((input) => [input.id as string, input.value === undefined ? "" : String(input.value)]));
  const inputs = Object.entries({ ...shown, ...typed }).filter(([, value]) => value !== "");
  return { ...data, ...Object.fromEntries(inputs) };
}
