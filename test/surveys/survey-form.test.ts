import { describe, expect, it } from "vitest";
import type { FormBlock } from "../../src/answers/reply.js";
import { readSurveyForm, surveyForm } from "../../src/surveys/survey-form.js";
import { shippedCatalog } from "../helpers.js";

const place = { address: { platform: "test", conversationId: "C1" }, shared: true };

describe("the survey form and time zones", () => {
  it("prefills the day the deadline falls on where the manager is, and ends it at 23:59 there", async () => {
    const catalog = await shippedCatalog();
    // 23:30 UTC on Friday is already Saturday in Paris, and still Friday in New York.
    const deadline = new Date("2027-03-12T23:30:00Z");
    const now = new Date("2027-03-08T09:00:00Z");
    const dayFor = (timeZone: string) => {
      const form = surveyForm(catalog, place, { roleId: "expert-trainer", deadline }, "en", now, timeZone).blocks[0] as FormBlock;
      return (form.fields.find((f) => f.id === "deadline") as { value: string }).value;
    };
    expect(dayFor("Europe/Paris")).toBe("2027-03-13");
    expect(dayFor("America/New_York")).toBe("2027-03-12");
    const form = surveyForm(catalog, place, { roleId: "expert-trainer" }, "en", now, "Europe/Paris").blocks[0] as FormBlock;
    const fields = Object.fromEntries(form.fields.map((f) => [f.id, f.kind === "choices" ? (f.values ?? []) : String(f.value ?? "")]));
    const read = readSurveyForm(catalog, { context: form.submit.value, fields: { ...fields, deadline: "2027-03-12" } }, now, "Europe/Paris");
    expect(read.ok && new Date(read.draft.deadlineAt).toISOString()).toBe("2027-03-12T22:59:00.000Z");
    expect(read.ok && read.draft.timeZone).toBe("Europe/Paris");
    const nowhere = readSurveyForm(catalog, { context: form.submit.value, fields: { ...fields, deadline: "2027-02-30" } }, now, "Europe/Paris");
    expect(nowhere.ok).toBe(false);
  });
});
