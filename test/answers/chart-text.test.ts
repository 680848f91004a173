import { describe, expect, it } from "vitest";
import { chartSummary, score, textBar } from "../../src/answers/chart-text.js";

describe("chart as text", () => {
  it("draws bars of ten characters, clamped to the scale", () => {
    expect(textBar(3, 5)).toBe("██████░░░░");
    expect(textBar(0, 5)).toBe("░░░░░░░░░░");
    expect(textBar(9, 5)).toBe("██████████");
  });

  it("writes scores with their targets, and sums a chart up in one line", () => {
    expect(score({ label: "x", value: 3, target: 4 })).toBe("3/4");
    expect(score({ label: "x", value: 2 })).toBe("2");
    const chart = { type: "chart" as const, title: "DLM", max: 5, valueLabel: "You", targetLabel: "Target", series: [{ label: "Watch", value: 3, target: 4 }] };
    expect(chartSummary(chart)).toBe("DLM (You / Target): Watch 3/4");
  });
});
