import { describe, expect, it } from "vitest";
import { CHART_HEIGHT, CHART_WIDTH, radarPng, radarSvg, type ChartBlock } from "../../src/assessment/radar-chart.js";

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
  it("renders a PNG of the expected size", () => {
    expect(pngSize(radarPng(chart))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });

  it("gives identical bytes for identical input, and different bytes for other ratings", () => {
    const a = radarPng(chart);
    expect(radarPng(structuredClone(chart)).equals(a)).toBe(true);
    const other = { ...chart, series: chart.series.map((s) => ({ ...s, value: 5 })) };
    expect(radarPng(other).equals(a)).toBe(false);
  });

  it("draws text with the shipped font, escaping markup in labels", () => {
    const svg = radarSvg(chart);
    expect(svg).toContain("Conseil interne &lt;&amp;");
    expect(svg).toContain(">influence&gt;<");
    expect(svg).toContain('font-family="DejaVu Sans"');
    // Text is drawn: a chart without labels renders to fewer dark pixels, so bytes differ.
    const unlabeled = { ...chart, title: " ", valueLabel: "", targetLabel: "", series: chart.series.map((s) => ({ ...s, label: "" })) };
    expect(radarPng(unlabeled).equals(radarPng(chart))).toBe(false);
  });
});
