import { describe, expect, it, vi } from "vitest";
import { CHART_HEIGHT, CHART_WIDTH, CHARTS_DRAWN_AT_ONCE, radarPng, radarSvg, type ChartBlock } from "../../src/assessment/radar-chart.js";

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

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("radar chart", () => {
  it("renders a PNG of the expected size", async () => {
    expect(pngSize(await radarPng(chart))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });

  it("gives identical bytes for identical input, and different bytes for other ratings", async () => {
    const a = await radarPng(chart);
    expect((await radarPng(structuredClone(chart))).equals(a)).toBe(true);
    const other = { ...chart, series: chart.series.map((s) => ({ ...s, value: 5 })) };
    expect((await radarPng(other)).equals(a)).toBe(false);
  });

  it("draws text with the shipped font, escaping markup in labels", async () => {
    const svg = radarSvg(chart);
    expect(svg).toContain("Conseil interne &lt;&amp;");
    expect(svg).toContain(">influence&gt;<");
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
