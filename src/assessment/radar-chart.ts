import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";
import type { Block } from "../answers/reply.js";
import sharp from "sharp";

export type ChartBlock = Extract<Block, { type: "chart" }>;
type Point = [number, number];
type Anchor = "start" | "middle" | "end";

/** The drawing's own units: every position and size below is in them. */
export const VIEW_WIDTH = 680;
export const VIEW_HEIGHT = 470;
/**
 * A phone shows a picture at its screen's width, with two or three pixels a point: drawn 1.5 times
 * its size (1,020 pixels wide), the radar stays sharp there when the reader zooms on a label.
 */
const ZOOM = 1.5;
export const CHART_WIDTH = VIEW_WIDTH * ZOOM;
export const CHART_HEIGHT = VIEW_HEIGHT * ZOOM;

const MARGIN = 10;
const CENTRE_X = VIEW_WIDTH / 2;
/** Below the title and room for a three-line label above the top spoke. */
const CENTRE_Y = 232;
const RADIUS = 120;
/** From the outer ring to where a skill's label starts. */
const LABEL_GAP = 24;
/** An unrated skill's hollow marker sits beyond the outer ring, off the scale, so it cannot be read as a level. */
const MARKER_GAP = 10;
const TITLE_SIZE = 19;
const LABEL_SIZE = 15;
const LINE_HEIGHT = 18;
const MAX_LINES = 3;
/** A label above or below the radar may spread this wide before it wraps. */
const MIDDLE_ROOM = 200;
const LEGEND_SIZE = 14;
const LEGEND_Y = VIEW_HEIGHT - 18;

const INK = "#222222";
const MUTED = "#6b7280";
const GRID = "#d0d4da";
const SELF = "#2f6fdf";
const TARGET = "#e07a1f";

/**
 * The font ships with the project (the dejavu-fonts-ttf package), never the system's, so the
 * same input gives the same bytes on every machine.
 */
export const FONT_FILE = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf", "DejaVuSans.ttf");

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A width at least that of the text in DejaVu Sans, whose advances are about 0.6 em for a lower-case
 * letter and 0.7 for a capital: wrapping on it keeps every label inside the picture (the tests
 * measure the drawn text of every shipped role in both languages).
 */
function textWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) em += /[ilj.,;:'’|!·]/.test(c) ? 0.3 : /[ frt()[\]-]/.test(c) ? 0.42 : /[mwMW…%&@]/.test(c) ? 0.98 : /\p{Lu}/u.test(c) ? 0.78 : 0.64;
  return em * size;
}

/** The text, or as much of it as fits followed by "…". */
function fit(text: string, room: number, size: number): string {
  if (textWidth(text, size) <= room) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, size) > room) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Lines at most `room` wide, broken between words; the last line shortened when the label needs more. */
function wrap(label: string, room: number): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let next = 0;
  while (next < words.length) {
    let line = words[next++]!;
    while (next < words.length && textWidth(`${line} ${words[next]}`, LABEL_SIZE) <= room) line += ` ${words[next++]}`;
    if (lines.length === MAX_LINES - 1) [line, next] = [[line, ...words.slice(next)].join(" "), words.length];
    lines.push(fit(line, room, LABEL_SIZE));
  }
  return lines;
}

function at(axis: number, axes: number, radius: number): Point {
  const angle = -Math.PI / 2 + (2 * Math.PI * axis) / axes;
  return [round(CENTRE_X + radius * Math.cos(angle)), round(CENTRE_Y + radius * Math.sin(angle))];
}

const xy = ([x, y]: Point) => `${x},${y}`;

/** A skill's name beyond its spoke, on up to three lines, growing away from the radar. */
function label(text: string, [x, y]: Point, muted: boolean): string {
  const anchor: Anchor = Math.abs(x - CENTRE_X) < 1 ? "middle" : x > CENTRE_X ? "start" : "end";
  const room = anchor === "middle" ? Math.min(MIDDLE_ROOM, 2 * (Math.min(x, VIEW_WIDTH - x) - MARGIN)) : anchor === "start" ? VIEW_WIDTH - MARGIN - x : x - MARGIN;
  const lines = wrap(text, room);
  const height = (lines.length - 1) * LINE_HEIGHT;
  const first = y < CENTRE_Y - RADIUS / 2 ? y - height : y > CENTRE_Y + RADIUS / 2 ? y : y - height / 2;
  const spans = lines.map((line, i) => `<tspan x="${x}" y="${round(first + i * LINE_HEIGHT)}">${escape(line)}</tspan>`).join("");
  return `<text class="skill" font-size="${LABEL_SIZE}" text-anchor="${anchor}" dominant-baseline="middle" fill="${muted ? MUTED : INK}">${spans}</text>`;
}

/** The rings' levels along the top spoke, on a white halo so that the shapes crossing them leave them readable. */
function scaleLabels(max: number): string[] {
  return Array.from({ length: max }, (_, i) => i + 1).map(
    (level) =>
      `<text class="scale" x="${CENTRE_X + 8}" y="${round(CENTRE_Y - (RADIUS * level) / max)}" font-size="11" dominant-baseline="middle" fill="${MUTED}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${level}</text>`,
  );
}

/**
 * The self-ratings as wedges from the centre between neighbouring rated skills: with every skill
 * rated they make the usual filled polygon; an unrated skill leaves a gap on both sides of its spoke.
 */
function selfShape(chart: ChartBlock, axes: number): string[] {
  const point = (axis: number) => at(axis, axes, (RADIUS * chart.series[axis]!.value!) / chart.max);
  const rated = (axis: number) => chart.series[axis] !== undefined && chart.series[axis]!.value !== null;
  const pairs = chart.series.flatMap((_, a) => (rated(a) && rated((a + 1) % axes) ? [[point(a), point((a + 1) % axes)]] : []));
  const centre = xy([CENTRE_X, CENTRE_Y]);
  const fill = pairs.map(([a, b]) => `M${centre} L${xy(a!)} L${xy(b!)} Z`).join(" ");
  const edge = pairs.map(([a, b]) => `M${xy(a!)} L${xy(b!)}`).join(" ");
  const dots = chart.series.flatMap((_, a) => (rated(a) ? [`<circle cx="${point(a)[0]}" cy="${point(a)[1]}" r="3.5" fill="${SELF}"/>`] : []));
  return [
    ...(pairs.length > 0 ? [`<path class="self" d="${fill}" fill="${SELF}" fill-opacity="0.3"/>`, `<path d="${edge}" fill="none" stroke="${SELF}" stroke-width="2.5" stroke-linecap="round"/>`] : []),
    ...dots,
  ];
}

const hollowMarker = ([x, y]: Point) => `<circle class="unrated" cx="${x}" cy="${y}" r="5" fill="#ffffff" stroke="${MUTED}" stroke-width="1.5"/>`;

/** Ratings, targets and, when a skill was left unrated, what its hollow marker means: centred under the radar. */
function legend(chart: ChartBlock): string[] {
  const unrated = chart.series.some((s) => s.value === null);
  const swatches: [string | undefined, (x: number) => string][] = [
    [chart.valueLabel, (x) => `<rect x="${x}" y="${LEGEND_Y - 10}" width="14" height="12" fill="${SELF}" fill-opacity="0.6"/>`],
    [chart.targetLabel, (x) => `<line x1="${x}" y1="${LEGEND_Y - 4}" x2="${x + 18}" y2="${LEGEND_Y - 4}" stroke="${TARGET}" stroke-width="2" stroke-dasharray="5 3"/>`],
    [unrated ? chart.unratedLabel : undefined, (x) => hollowMarker([x + 7, LEGEND_Y - 4])],
  ];
  const items = swatches.flatMap(([text, swatch]) => (text ? [{ text, swatch, width: 24 + textWidth(text, LEGEND_SIZE) }] : []));
  let x = round(Math.max(MARGIN, CENTRE_X - (items.reduce((sum, item) => sum + item.width, 0) + 20 * (items.length - 1)) / 2));
  return items.map(({ text, swatch, width }) => {
    const drawn = `${swatch(x)}<text x="${round(x + 24)}" y="${LEGEND_Y}" font-size="${LEGEND_SIZE}" fill="${INK}">${escape(text)}</text>`;
    x = round(x + width + 20);
    return drawn;
  });
}

/** A radar of self-ratings (filled) against target levels (dashed) on the rings of the scale, as SVG. */
export function radarSvg(chart: ChartBlock): string {
  const axes = Math.max(chart.series.length, 3);
  const rings = Array.from({ length: chart.max }, (_, i) => i + 1).map(
    (level) => `<polygon points="${Array.from({ length: axes }, (_, a) => xy(at(a, axes, (RADIUS * level) / chart.max))).join(" ")}" fill="none" stroke="${GRID}" stroke-width="1"/>`,
  );
  const spokes = chart.series.map((_, a) => `<line x1="${CENTRE_X}" y1="${CENTRE_Y}" x2="${at(a, axes, RADIUS)[0]}" y2="${at(a, axes, RADIUS)[1]}" stroke="${GRID}" stroke-width="1"/>`);
  const target = chart.series.map((s, a) => xy(at(a, axes, (RADIUS * (s.target ?? 0)) / chart.max))).join(" ");
  const unrated = chart.series.flatMap((s, a) => (s.value === null ? [hollowMarker(at(a, axes, RADIUS + MARKER_GAP))] : []));
  const labels = chart.series.map((s, a) => label(s.label, at(a, axes, RADIUS + LABEL_GAP), s.value === null));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}" font-family="DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text class="title" x="${CENTRE_X}" y="30" font-size="${TITLE_SIZE}" text-anchor="middle" fill="#111111">${escape(fit(chart.title, VIEW_WIDTH - 2 * MARGIN, TITLE_SIZE))}</text>`,
    ...rings,
    ...spokes,
    `<polygon points="${target}" fill="none" stroke="${TARGET}" stroke-width="2" stroke-dasharray="5 3"/>`,
    ...selfShape(chart, axes),
    ...unrated,
    ...scaleLabels(chart.max),
    ...labels,
    ...legend(chart),
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
async function draw(svg: string): Promise<{ pixels: Buffer; width: number; height: number }> {
  if (drawing < CHARTS_DRAWN_AT_ONCE) drawing++;
  else await new Promise<void>((start) => waiting.push(start));
  try {
    const image = await renderAsync(svg, RENDER_OPTIONS);
    return { pixels: image.pixels, width: image.width, height: image.height };
  } finally {
    const next = waiting.shift();
    if (next) next();
    else drawing--;
  }
}

/**
 * The radar as PNG bytes: identical input, identical bytes. Drawing, mostly shaping the labels, runs
 * on libuv's thread pool (renderAsync is a napi-rs AsyncTask) while the event loop goes on
 * acknowledging, and so do choosing the palette and compressing (sharp's pipeline runs there too).
 * https://github.com/yisibl/resvg-js/blob/main/src/lib.rs (AsyncRenderer), https://sharp.pixelplumbing.com/api-output#png
 */
export async function radarPng(chart: ChartBlock): Promise<Buffer> {
  const { pixels, width, height } = await draw(radarSvg(chart));
  // An indexed PNG (libimagequant, through sharp): a third of the true-colour size, so that even the
  // largest radar travels inside a Teams card (64,000 characters of base64).
  return sharp(pixels, { raw: { width, height, channels: 4 } }).png({ palette: true, colours: 256, compressionLevel: 9, effort: 10, dither: 0 }).toBuffer();
}
