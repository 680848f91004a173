/**
 * Text that should hold JSON and may not: a stored column written by another version, a button's
 * value, a form's context. Undefined when it does not parse, for a schema to refuse.
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
