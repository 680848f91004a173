import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";
import { shorten } from "../answers/format.js";
import type { Block } from "../answers/reply.js";

export type ChartBlock = Extract<Block, { type: "chart" }>;

/** Small enough to fit in a Teams card as an inline image, large enough to read on a phone. */
export const CHART_WIDTH = 520;
export const CHART_HEIGHT = 380;
const CENTRE_X = CHART_WIDTH / 2;
const CENTRE_Y = CHART_HEIGHT / 2;
const RADIUS = 115;
/** Labels wrap onto two lines of this many characters, so they stay inside the picture. */
const LABEL_LINE = 18;

/**
 * The font ships with the project (the dejavu-fonts-ttf package), never the system's, so the
 * same input gives the same bytes on every machine.
 */
const FONT_FILE = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf", "DejaVuSans.ttf");

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Up to two lines, broken between words where possible. */
function wrap(label: string): string[] {
  if (label.length <= LABEL_LINE) return [label];
  const cut = label.lastIndexOf(" ", LABEL_LINE);
  const at = cut > 0 ? cut : LABEL_LINE;
  return [label.slice(0, at), shorten(label.slice(at).trim(), LABEL_LINE)];
}
const round = (n: number) => Math.round(n * 10) / 10;

function point(axis: number, axes: number, value: number, max: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * axis) / axes;
  const r = (RADIUS * value) / max;
  return [round(CENTRE_X + r * Math.cos(angle)), round(CENTRE_Y + r * Math.sin(angle))];
}

const polygon = (points: [number, number][]) => points.map(([x, y]) => `${x},${y}`).join(" ");

/** A radar of self-ratings (filled) against target levels (dashed), as SVG. */
export function radarSvg(chart: ChartBlock): string {
  const axes = Math.max(chart.series.length, 3);
  const rings = Array.from({ length: chart.max }, (_, i) => i + 1)
    .map((level) => `<polygon points="${polygon(Array.from({ length: axes }, (_, a) => point(a, axes, level, chart.max)))}" fill="none" stroke="#d0d4da" stroke-width="1"/>`)
    .join("");
  const spokes = chart.series.map((_, a) => {
    const [x, y] = point(a, axes, chart.max, chart.max);
    return `<line x1="${CENTRE_X}" y1="${CENTRE_Y}" x2="${x}" y2="${y}" stroke="#d0d4da" stroke-width="1"/>`;
  });
  const labels = chart.series.map((s, a) => {
    const [x, y] = point(a, axes, chart.max + 0.6, chart.max);
    const anchor = Math.abs(x - CENTRE_X) < 5 ? "middle" : x > CENTRE_X ? "start" : "end";
    const lines = wrap(s.label);
    const top = y - ((lines.length - 1) * 12) / 2 + (y < CENTRE_Y - RADIUS / 2 ? -6 : y > CENTRE_Y + RADIUS / 2 ? 6 : 0);
    const spans = lines.map((line, i) => `<tspan x="${x}" y="${round(top + i * 12)}">${escape(line)}</tspan>`).join("");
    return `<text font-size="10.5" text-anchor="${anchor}" dominant-baseline="middle" fill="#222">${spans}</text>`;
  });
  const target = polygon(chart.series.map((s, a) => point(a, axes, s.target ?? 0, chart.max)));
  const self = polygon(chart.series.map((s, a) => point(a, axes, s.value, chart.max)));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${CENTRE_X}" y="20" font-size="14" text-anchor="middle" fill="#111">${escape(shorten(chart.title, 60))}</text>`,
    rings,
    ...spokes,
    `<polygon points="${target}" fill="none" stroke="#e07a1f" stroke-width="2" stroke-dasharray="5 3"/>`,
    `<polygon points="${self}" fill="#2f6fdf" fill-opacity="0.35" stroke="#2f6fdf" stroke-width="2"/>`,
    ...labels,
    `<rect x="16" y="${CHART_HEIGHT - 24}" width="12" height="12" fill="#2f6fdf" fill-opacity="0.6"/>`,
    `<text x="34" y="${CHART_HEIGHT - 14}" font-size="11" fill="#222">${escape(chart.valueLabel ?? "")}</text>`,
    `<line x1="110" y1="${CHART_HEIGHT - 18}" x2="128" y2="${CHART_HEIGHT - 18}" stroke="#e07a1f" stroke-width="2" stroke-dasharray="5 3"/>`,
    `<text x="134" y="${CHART_HEIGHT - 14}" font-size="11" fill="#222">${escape(chart.targetLabel ?? "")}</text>`,
    `</svg>`,
  ].join("");
}

/**
 * The same for every chart, so the font path is resolved and the options built once. resvg-js has no
 * way to keep a font database between renders: each render loads the font file anew, which takes
 * about 0.04 ms, on the render's own thread.
 */
const RENDER_OPTIONS: ResvgRenderOptions = {
  font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
  fitTo: { mode: "original" },
};

/**
 * At most this many charts are drawn at once. libuv's pool has four threads by default, shared with
 * fs, dns.lookup, zlib and crypto, so a burst of results leaves them the rest; and charts come back
 * at most this many a turn, so their PNG encoding on the event loop never piles up.
 * https://nodejs.org/api/cli.html#uv_threadpool_sizesize
 */
export const CHARTS_DRAWN_AT_ONCE = 2;
let drawing = 0;
const waiting: (() => void)[] = [];

/** Draws `svg` in a free slot, after the charts queued before it, and hands the slot on. */
async function draw(svg: string): Promise<Buffer> {
  if (drawing < CHARTS_DRAWN_AT_ONCE) drawing++;
  else await new Promise<void>((start) => waiting.push(start));
  try {
    return (await renderAsync(svg, RENDER_OPTIONS)).asPng();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else drawing--;
  }
}

/**
 * The radar as PNG bytes: identical input, identical bytes. Drawing takes about 10 ms, mostly
 * shaping the labels, so it runs on libuv's thread pool (renderAsync is a napi-rs AsyncTask) while
 * the event loop goes on acknowledging; only the PNG encoding, about 2 ms, comes back onto it.
 * https://github.com/yisibl/resvg-js/blob/main/src/lib.rs (AsyncRenderer)
 */
export async function radarPng(chart: ChartBlock): Promise<Buffer> {
  return draw(radarSvg(chart));
}
