/** One bullet a line, as every platform renders plain text lists. */
export const bullets = (lines: readonly string[]): string => lines.map((line) => `• ${line}`).join("\n");
