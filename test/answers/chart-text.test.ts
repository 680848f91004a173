import { describe, expect, it } from "vitest";
import { chartSummary, score, textBar } from "../../src/answers/chart-text.js";

describe("chart as text", () => {
  it("draws bars of ten characters, clamped to the scale, and a missing value as dots rather than an empty bar", () => {
    expect(textBar(3, 5)).toBe("██████░░░░");
    expect(textBar(0, 5)).toBe("░░░░░░░░░░");
    expect(textBar(9, 5)).toBe("██████████");
    expect(textBar(null, 5)).toBe("··········");
  });

  it("writes a point in words when the chart gives them, else its score and target", () => {
    expect(score({ label: "x", value: 3, target: 4, caption: "you: 3 · target: 4" })).toBe("you: 3 · target: 4");
    expect(score({ label: "x", value: 3, target: 4 })).toBe("3/4");
    expect(score({ label: "x", value: 2 })).toBe("2");
    expect(score({ label: "x", value: null, target: 4 })).toBe("–/4");
  });

  it("sums a chart up in one line", () => {
    const chart = {
      type: "chart" as const,
      title: "DLM",
      max: 5,
      valueLabel: "You",
      targetLabel: "Target",
      series: [
        { label: "Watch", value: 3, target: 4, caption: "you: 3 · target: 4" },
        { label: "Design", value: null, target: 3, caption: "you: not rated · target: 3" },
      ],
    };
    expect(chartSummary(chart)).toBe("DLM (You / Target): Watch (you: 3 · target: 4), Design (you: not rated · target: 3)");
  });
});
