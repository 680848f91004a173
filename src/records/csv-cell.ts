/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return
 * first) is prefixed with a quote, so the file is read as data. Numbers are written as numbers:
 * a negative gap is a figure, not a formula.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
