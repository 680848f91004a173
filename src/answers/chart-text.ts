import type { Block } from "./reply.js";

type Chart = Extract<Block, { type: "chart" }>;
type Point = Chart["series"][number];

const BAR_WIDTH = 10;

/**
 * A chart value as a bar of block characters: every platform can show text, not every one a
 * picture. A missing value is a dotted bar, so that it never reads as 0.
 */
export function textBar(value: number | null, max: number): string {
  if (value === null) return "·".repeat(BAR_WIDTH);
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round((value / max) * BAR_WIDTH)));
  return "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
}

/** The point in words when the chart gives them ("you: 3 · target: 4"), else "3/4". */
export function score(point: Point): string {
  if (point.caption) return point.caption;
  return `${point.value ?? "–"}${point.target !== undefined ? `/${point.target}` : ""}`;
}

/** The whole chart in one line, for alternative text. */
export function chartSummary(chart: Chart): string {
  const legend = [chart.valueLabel, chart.targetLabel].filter(Boolean).join(" / ");
  return `${chart.title}${legend ? ` (${legend})` : ""}: ${chart.series.map((s) => `${s.label} (${score(s)})`).join(", ")}`;
}
