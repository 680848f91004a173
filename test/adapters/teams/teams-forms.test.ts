import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUT_PREFIX } from "../../../adapters/teams/form-card.js";
import { CARD_BUDGET_UTF16_BYTES, toAdaptiveCards, type AdaptiveCard, type CardElement } from "../../../adapters/teams/to-adaptive-card.js";
import { cardAction } from "../../../adapters/teams/to-incoming.js";
import type { IncomingAction } from "../../../src/conversation/incoming.js";
import { messages } from "../../../src/i18n/messages.js";
import { formSubmissionSchema, reply, type Block, type FormBlock } from "../../../src/answers/reply.js";
import { cardText, fixture, TeamsHarness } from "./teams-harness.js";

const LEVELS = [
  { label: "Beginner", value: "beginner" },
  { label: "Intermediate", value: "intermediate" },
  { label: "Expert", value: "expert" },
];
const TOPICS = [
  { label: "Design", value: "design" },
  { label: "Facilitation", value: "facilitation" },
  { label: "Evaluation", value: "evaluation" },
];

/** One field of each kind; the fixture card-submit-form.json is what Teams posts back for it. */
const GOAL_FORM: FormBlock = {
  type: "form",
  title: "Your learning goal",
  fields: [
    { kind: "text", id: "goal", label: "Goal", maxLength: 200, value: "Facilitate workshops" },
    { kind: "text", id: "note", label: "Note", optional: true },
    { kind: "number", id: "hours", label: "Hours a week", min: 1, max: 10, value: 2 },
    { kind: "date", id: "deadline", label: "Deadline", value: "2025-09-30" },
    { kind: "choice", id: "level", label: "Level", options: LEVELS, value: "intermediate" },
    { kind: "choices", id: "topics", label: "Topics", options: TOPICS, values: ["design", "evaluation"] },
  ],
  submit: { label: "Save", actionId: "goal.save", value: "goal-42" },
};

/** Every element of a card, nested ones included, in order. */
function elements(card: AdaptiveCard): CardElement[] {
  const all: CardElement[] = [];
  const walk = (items: unknown): void => {
    if (!Array.isArray(items)) return;
    for (const item of items as CardElement[]) {
      all.push(item);
      walk(item.items);
      walk(item.actions);
    }
  };
  walk(card.body);
  return all;
}

const inputs = (card: AdaptiveCard) => elements(card).filter((e) => e.type.startsWith("Input."));
const submits = (card: AdaptiveCard) => elements(card).filter((e) => e.type === "Action.Submit") as (CardElement & { data: Record<string, unknown> })[];

/** Form replies have no charts to draw beforehand. */
const NO_CHARTS = new Map();

function onlyCard(blocks: Block[]): AdaptiveCard {
  const [card, ...rest] = toAdaptiveCards(reply(blocks), NO_CHARTS);
  expect(rest).toEqual([]);
  return card!;
}

describe("a form in an Adaptive Card", () => {
  const card = onlyCard([{ type: "text", text: "Tell me where you are heading." }, GOAL_FORM]);
  const byId = Object.fromEntries(inputs(card).map((input) => [input.id, input]));

  it("shows its title, then one labelled input a field, with ids that cannot collide with a button's data", () => {
    const form = card.body[1]!;
    expect(form.type).toBe("Container");
    expect((form.items as CardElement[])[0]).toEqual(expect.objectContaining({ type: "TextBlock", text: "Your learning goal", weight: "Bolder" }));
    expect(inputs(card).map((i) => [i.id, i.label])).toEqual([
      ["field.goal", "Goal"],
      ["field.note", "Note"],
      ["field.hours", "Hours a week"],
      ["field.deadline", "Deadline"],
      ["field.level", "Level"],
      ["field.topics", "Topics"],
    ]);
  });

  it("renders a text field as Input.Text, required unless optional, with its length and value", () => {
    expect(byId["field.goal"]).toEqual({ type: "Input.Text", id: "field.goal", label: "Goal", value: "Facilitate workshops", maxLength: 200, isRequired: true, errorMessage: "⚠ Goal" });
    expect(byId["field.note"]).toEqual({ type: "Input.Text", id: "field.note", label: "Note" });
  });

  it("renders a number as Input.Number with its range, and the range in its error message", () => {
    expect(byId["field.hours"]).toEqual({ type: "Input.Number", id: "field.hours", label: "Hours a week", min: 1, max: 10, value: 2, isRequired: true, errorMessage: "⚠ Hours a week: 1–10" });
  });

  it("renders a date as Input.Date with its day", () => {
    expect(byId["field.deadline"]).toEqual(expect.objectContaining({ type: "Input.Date", value: "2025-09-30", isRequired: true }));
  });

  it("renders a choice as a compact Input.ChoiceSet, and several as a multi-select with comma-joined values", () => {
    expect(byId["field.level"]).toEqual(
      expect.objectContaining({ type: "Input.ChoiceSet", style: "compact", value: "intermediate", isRequired: true, choices: LEVELS.map((o) => ({ title: o.label, value: o.value })) }),
    );
    expect(byId["field.level"]!.isMultiSelect).toBeUndefined();
    expect(byId["field.topics"]).toEqual(expect.objectContaining({ type: "Input.ChoiceSet", isMultiSelect: true, value: "design,evaluation", isRequired: true, choices: TOPICS.map((o) => ({ title: o.label, value: o.value })) }));
  });

  it("ends with one submit carrying the action id and value like any button, and the fields' kinds", () => {
    expect(submits(card)).toEqual([
      {
        type: "Action.Submit",
        title: "Save",
        style: "positive",
        data: { actionId: "goal.save", value: "goal-42", form: { goal: "text", note: "text", hours: "number", deadline: "date", level: "choice", topics: "choices" } },
      },
    ]);
  });

  it("keeps other buttons of the reply from collecting, and waiting for, the form's inputs", () => {
    const withButtons = onlyCard([GOAL_FORM, { type: "buttons", buttons: [{ label: "Later", actionId: "goal.later", value: "goal-42" }] }]);
    const [formSubmit, later] = submits(withButtons);
    expect(formSubmit!.associatedInputs).toBeUndefined();
    expect(later).toEqual(expect.objectContaining({ title: "Later", associatedInputs: "none", data: { actionId: "goal.later", value: "goal-42" } }));
    // Without a form, buttons stay as they were.
    expect(submits(onlyCard([{ type: "buttons", buttons: [{ label: "Later", actionId: "goal.later", value: "x" }] }]))[0]!.associatedInputs).toBeUndefined();
  });

  it("keeps a form whole in one card when the reply is split, and every card within the budget", () => {
    const long: Block[] = Array.from({ length: 8 }, (_, i) => ({ type: "section" as const, title: `Part ${i}`, text: "x".repeat(2_500) }));
    const cards = toAdaptiveCards(reply([...long, GOAL_FORM]), NO_CHARTS);
    expect(cards.length).toBeGreaterThan(1);
    const holding = cards.filter((c) => inputs(c).length > 0);
    expect(holding).toHaveLength(1);
    expect(inputs(holding[0]!)).toHaveLength(GOAL_FORM.fields.length);
    expect(submits(holding[0]!)).toHaveLength(1);
    for (const c of cards) expect(JSON.stringify(c).length * 2).toBeLessThanOrEqual(CARD_BUDGET_UTF16_BYTES);
  });

  it("never outgrows a card, even with a list of options too long for any", () => {
    const options = Array.from({ length: 600 }, (_, i) => ({ label: `Option ${i} ${"y".repeat(120)}`, value: `option-${i}-${"z".repeat(40)}` }));
    const huge: FormBlock = { ...GOAL_FORM, fields: [{ kind: "choices", id: "topics", label: "Topics", options }] };
    const cards = toAdaptiveCards(reply([huge]), NO_CHARTS);
    for (const c of cards) expect(JSON.stringify(c).length * 2).toBeLessThanOrEqual(CARD_BUDGET_UTF16_BYTES);
    expect(cards.flatMap((c) => elements(c)).some((e) => typeof e.text === "string" && e.text.includes("Topics"))).toBe(true);
  });
});

describe("a form's submit coming back from Teams", () => {
  const submission = (data: unknown) => JSON.parse(cardAction(data).value);

  it("becomes the FormSubmission JSON: multi-select split, an input left out as an empty text", () => {
    expect(cardAction(fixture("card-submit-form").value)).toEqual({ actionId: "goal.save", value: expect.any(String) });
    expect(submission(fixture("card-submit-form").value)).toEqual({
      context: "goal-42",
      fields: { goal: "Run my first workshop", note: "", hours: "3", deadline: "2025-10-15", level: "expert", topics: ["design", "facilitation"] },
    });
  });

  it("gives fields named like the button's own data back under their names", () => {
    const data = { actionId: "profile.save", value: "ctx", form: { actionId: "text", value: "number" }, "field.actionId": "mine", "field.value": 4 };
    expect(cardAction(data).actionId).toBe("profile.save");
    expect(submission(data)).toEqual({ context: "ctx", fields: { actionId: "mine", value: "4" } });
  });

  it("sends a form whose every input was left empty as a submission all the same", () => {
    expect(submission({ actionId: "note.save", value: "ctx", form: { note: "text", topics: "choices" } })).toEqual({ context: "ctx", fields: { note: "", topics: [] } });
  });

  it("ignores posted keys that are not one of a form's fields, and leaves an ordinary button's value alone", () => {
    expect(submission({ actionId: "a.b", value: "ctx", "field.ok": "yes", "field.__proto__": "x", "field.Bad": "x", other: "x" })).toEqual({ context: "ctx", fields: { ok: "yes" } });
    expect(cardAction({ actionId: "role.skills", value: "learning-architect" })).toEqual({ actionId: "role.skills", value: "learning-architect" });
  });
});

describe("a form submitted through the Teams adapter over HTTP", () => {
  const harness = new TeamsHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  const lastAction = () => harness.incoming.at(-1) as IncomingAction;
  const expected = {
    context: "goal-42",
    fields: { goal: "Run my first workshop", note: "", hours: "3", deadline: "2025-10-15", level: "expert", topics: ["design", "facilitation"] },
  };

  it("the fixture is what Teams posts for this form's card: its data, and inputs under the card's ids", () => {
    const card = onlyCard([GOAL_FORM]);
    const posted = fixture("card-submit-form").value as Record<string, unknown>;
    const { actionId, value, form, ...inputValues } = posted;
    expect({ actionId, value, form }).toEqual(submits(card)[0]!.data);
    const ids = inputs(card).map((i) => i.id);
    for (const key of Object.keys(inputValues)) expect(ids).toContain(key);
    expect(Object.keys(inputValues).every((key) => key.startsWith(INPUT_PREFIX))).toBe(true);
  });

  it("reaches the core as the form's action with the FormSubmission as its value (Action.Submit)", async () => {
    const submit = harness.activity("card-submit-form");
    const before = harness.connector.sent.length;
    expect((await harness.post(submit)).status).toBe(200);

    expect(lastAction()).toEqual(expect.objectContaining({ platform: "teams", actionId: "goal.save", deliveryId: submit.id, userId: submit.from.aadObjectId, locale: "en" }));
    expect(formSubmissionSchema.parse(JSON.parse(lastAction().value))).toEqual(expected);
    // This core has no flow for the form, and says so like for any unknown button: the turn was answered.
    expect(cardText(harness.connector.sent[before]!.activity)).toContain(messages("en").unknownAction);
  });

  it("reaches the core the same way from an Action.Execute invoke", async () => {
    const invoke = {
      ...harness.activity("card-submit-form"),
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "goal.save", data: fixture("card-submit-form").value }, trigger: "manual" },
    };
    const response = await harness.post(invoke);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual(expect.objectContaining({ statusCode: 200 }));
    expect(lastAction()).toEqual(expect.objectContaining({ actionId: "goal.save", deliveryId: invoke.id }));
    expect(JSON.parse(lastAction().value)).toEqual(expected);
  });
});
