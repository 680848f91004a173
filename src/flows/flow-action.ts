import type { Button } from "../answers/reply.js";
import type { FlowAction, FlowDefinition } from "./flow.js";

/**
 * A flow's button: the action id is namespaced by the flow (`assessment.rate`) and the value is
 * the payload as JSON, checked against the flow's schema when pressed, never split on separators.
 */
export function flowButton<A extends string>(flow: Pick<FlowDefinition<unknown, A>, "id">, name: A, payload: unknown, label: string, style?: Button["style"]): Button {
  return { label, actionId: `${flow.id}.${name}`, value: JSON.stringify(payload), ...(style ? { style } : {}) };
}

/** Whether an action id belongs to this flow (whatever its payload). */
export function isFlowActionId(flow: Pick<FlowDefinition<unknown>, "id" | "actions">, actionId: string): boolean {
  return actionId.startsWith(`${flow.id}.`) && Object.hasOwn(flow.actions, actionId.slice(flow.id.length + 1));
}

/** The pressed button's payload, validated; undefined for a malformed, forged or outdated one. */
export function parseFlowAction<A extends string>(flow: Pick<FlowDefinition<unknown, A>, "id" | "actions">, actionId: string, value: string): FlowAction<A> | undefined {
  if (!isFlowActionId(flow, actionId)) return undefined;
  const name = actionId.slice(flow.id.length + 1) as A;
  const parsed = flow.actions[name].safeParse(jsonOrText(value));
  return parsed.success ? { name, payload: parsed.data } : undefined;
}

/** A payload that is not JSON is passed as the text it is (a role id on a start button), for its schema to judge. */
function jsonOrText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
