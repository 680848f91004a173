/** Median and 99th percentile of a list of durations. */
export function percentiles(samples: readonly number[]): { median: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { median: at(0.5), p99: at(0.99) };
}

export interface BenchRow {
  bench: string;
  measure: string;
  value: string;
}

export function printTable(rows: readonly BenchRow[]): string {
  const headers: BenchRow = { bench: "bench", measure: "measure", value: "value" };
  const widths = (Object.keys(headers) as (keyof BenchRow)[]).map((k) => Math.max(headers[k].length, ...rows.map((r) => r[k].length)));
  const line = (r: BenchRow) => `| ${r.bench.padEnd(widths[0]!)} | ${r.measure.padEnd(widths[1]!)} | ${r.value.padStart(widths[2]!)} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
