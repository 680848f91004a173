import { describe, expect, it } from "vitest";
import { csvCell } from "../../src/records/csv-cell.js";
import { resultsCsv } from "../../src/surveys/results-csv.js";
import { teamResults } from "../../src/surveys/team-results.js";
import type { Survey } from "../../src/surveys/survey.js";
import { shippedCatalog } from "../helpers.js";

describe("survey CSV export", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tlead", "'\tlead"],
    ["\rlead", "\"'\rlead\""],
    ["plain, with comma", "\"plain, with comma\""],
    ["Gestion de projet", "Gestion de projet"],
  ])("escapes the text cell %j as data", (cell, expected) => {
    expect(csvCell(cell)).toBe(expected);
  });

  it("writes numbers as numbers, a negative gap included", () => {
    expect(csvCell(-0.5)).toBe("-0.5");
  });

  it("carries the same aggregates as the results, and leaves a skill too few rated empty", async () => {
    const role = (await shippedCatalog()).get("expert-trainer");
    const [first, second] = role.skills;
    const survey = { skillIds: [first!.id, second!.id], minResponses: 3 } as Survey;
    const responses = [
      { [first!.id]: 2, [second!.id]: 4 },
      { [first!.id]: 4, [second!.id]: null },
      { [first!.id]: 3, [second!.id]: 5 },
    ];
    const lines = resultsCsv(teamResults(survey, role, responses), role, "en").trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`${csvCell(first!.name.en)},${first!.targetLevel},3,3,${first!.targetLevel - 3},0,1,1,1,0`);
    // Not even how many rated it: that would tell who skipped it.
    expect(lines[2]).toBe(`${csvCell(second!.name.en)},${second!.targetLevel},,,,,,,,`);
  });
});
