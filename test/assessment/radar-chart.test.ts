import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it, vi } from "vitest";
import { resultReply } from "../../src/assessment/assessment-replies.js";
import { CHART_HEIGHT, CHART_WIDTH, CHARTS_DRAWN_AT_ONCE, FONT_FILE, radarPng, radarSvg, VIEW_HEIGHT, VIEW_WIDTH, type ChartBlock } from "../../src/assessment/radar-chart.js";
import { shippedCatalog } from "../helpers.js";

/** How many charts resvg is drawing right now, and the most at once: its renderAsync is watched, not replaced. */
const drawing = vi.hoisted(() => ({ now: 0, most: 0 }));
vi.mock("@resvg/resvg-js", async (importOriginal) => {
  const resvg = await importOriginal<typeof import("@resvg/resvg-js")>();
  const renderAsync: typeof resvg.renderAsync = async (...args) => {
    drawing.most = Math.max(drawing.most, ++drawing.now);
    try {
      return await resvg.renderAsync(...args);
    } finally {
      drawing.now--;
    }
  };
  return { ...resvg, renderAsync };
});

const chart: ChartBlock = {
  type: "chart",
  title: "Digital Learning Manager",
  max: 5,
  valueLabel: "Vous",
  targetLabel: "Cible",
  series: [
    { label: "Veille technologique et prestataires", value: 3, target: 4 },
    { label: "Gestion de projet", value: 2, target: 4 },
    { label: "Conseil interne <& influence>", value: 5, target: 3 },
    { label: "Communication", value: 0, target: 3 },
    { label: "Mesure d'impact", value: 4, target: 4 },
  ],
};

const unescape = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
/** Each skill label's lines, joined again. */
const skillLabels = (svg: string) =>
  [...svg.matchAll(/<text class="skill"[^>]*>(.*?)<\/text>/g)].map((m) => unescape([...m[1]!.matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((t) => t[1]).join(" ")));

/** Where the drawing's ink is, in the drawing's units, the background left out: past the viewBox it would be cut off. */
function inkBox(svg: string) {
  const ink = svg.replace(/<rect width="100%" height="100%"[^>]*\/>/, "");
  return new Resvg(ink, { font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" } }).getBBox()!;
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("radar chart", () => {
  it("renders a PNG of the expected size, wide enough to stay sharp on a phone", async () => {
    expect(pngSize(await radarPng(chart))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(CHART_WIDTH).toBeGreaterThanOrEqual(800);
  });

  it("draws an unrated skill as missing, with a hollow marker and a legend, never as 0", async () => {
    const unrated = { ...chart, unratedLabel: "non évalué", series: chart.series.map((s, i) => (i === 3 ? { ...s, value: null } : s)) };
    const svg = radarSvg(unrated);
    // One marker on the skill's spoke, one in the legend beside its words.
    expect(svg.match(/class="unrated"/g)).toHaveLength(2);
    expect(svg).toContain(">non évalué</text>");
    expect((await radarPng(unrated)).equals(await radarPng({ ...unrated, series: unrated.series.map((s) => ({ ...s, value: s.value ?? 0 })) }))).toBe(false);
    // Every skill rated: no marker, and no legend for what is not there.
    expect(radarSvg({ ...chart, unratedLabel: "non évalué" })).not.toContain("unrated");
  });

  it("labels the rings of the scale 1 to 5, from the centre out", () => {
    const scale = [...radarSvg(chart).matchAll(/<text class="scale"[^>]* y="([\d.]+)"[^>]*>(\d)<\/text>/g)];
    expect(scale.map((m) => m[2])).toEqual(["1", "2", "3", "4", "5"]);
    const heights = scale.map((m) => Number(m[1]));
    expect(heights).toEqual([...heights].sort((a, b) => b - a));
  });

  it("keeps every skill name of every shipped role whole and inside the picture, in both languages", async () => {
    const catalog = await shippedCatalog();
    for (const role of catalog.roles()) {
      for (const locale of ["fr", "en"] as const) {
        // Every other skill unrated, so that greyed labels and markers are measured too.
        const ratings = Object.fromEntries(role.skills.map((s, i) => [s.id, i % 2 === 0 ? (i % 5) + 1 : null]));
        const result = resultReply(catalog, role, { roleId: role.id, finishedAt: "2026-01-01T00:00:00.000Z", ratings, complete: false }, locale);
        const svg = radarSvg(result.blocks.find((b): b is ChartBlock => b.type === "chart")!);
        const where = `${role.id} (${locale})`;
        expect(skillLabels(svg), where).toEqual(role.skills.map((s) => s.name[locale]));
        const box = inkBox(svg);
        expect(box.x, where).toBeGreaterThanOrEqual(0);
        expect(box.y, where).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, where).toBeLessThanOrEqual(VIEW_WIDTH);
        expect(box.y + box.height, where).toBeLessThanOrEqual(VIEW_HEIGHT);
      }
    }
  });

  it("shortens a label too long for three lines rather than drawing it past the edge", () => {
    const long = { ...chart, series: chart.series.map((s) => ({ ...s, label: `${s.label} ${"avec un nom beaucoup trop long ".repeat(4)}` })) };
    const svg = radarSvg(long);
    expect(skillLabels(svg).every((label) => label.endsWith("…"))).toBe(true);
    const box = inkBox(svg);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(VIEW_WIDTH);
  });

  it("gives identical bytes for identical input, and different bytes for other ratings", async () => {
    const a = await radarPng(chart);
    expect((await radarPng(structuredClone(chart))).equals(a)).toBe(true);
    const other = { ...chart, series: chart.series.map((s) => ({ ...s, value: 5 })) };
    expect((await radarPng(other)).equals(a)).toBe(false);
  });

  it("draws text with the shipped font, escaping markup in labels", async () => {
    const svg = radarSvg(chart);
    expect(svg).toContain(">Conseil interne &lt;&amp; influence&gt;<");
    expect(svg).toContain('font-family="DejaVu Sans"');
    // Text is drawn: a chart without labels renders to fewer dark pixels, so bytes differ.
    const unlabeled = { ...chart, title: " ", valueLabel: "", targetLabel: "", series: chart.series.map((s) => ({ ...s, label: "" })) };
    expect((await radarPng(unlabeled)).equals(await radarPng(chart))).toBe(false);
  });

  it("leaves the event loop turning while a burst of charts is drawn, a few at a time, each as if drawn alone", async () => {
    const burst = Array.from({ length: 20 }, (_, i) => ({ ...chart, series: chart.series.map((s, axis) => ({ ...s, value: (i + axis) % 6 })) }));
    drawing.most = 0;
    let inProgress = true;
    let turns = 0;
    const tick = () => {
      if (!inProgress) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);

    const pngs = await Promise.all(burst.map(radarPng));
    inProgress = false;

    // Drawn on the event loop, every chart would be done before the loop's next turn: 0 turns,
    // however fast the machine. Drawn off it two at a time, each chart starts in the turn the one
    // before it came back in and comes back in a later one, so the loop turns about ten times at
    // least; a few are asked, so as not to lean on libuv's internals.
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(drawing.most).toBe(CHARTS_DRAWN_AT_ONCE);
    for (const [i, png] of pngs.entries()) expect(png.equals(await radarPng(burst[i]!)), `chart ${i}`).toBe(true);
  });
});
