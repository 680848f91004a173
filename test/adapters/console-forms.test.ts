import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConsoleCharts } from "../../adapters/console/console-charts.js";
import { runConsoleChat, type ConsoleChatOptions } from "../../adapters/console/console-chat.js";
import { formSubmissionSchema, reply, type FormBlock, type Reply } from "../../src/answers/reply.js";
import type { Locale } from "../../src/catalog/schema.js";
import type { IncomingAction, IncomingMessage } from "../../src/conversation/incoming.js";
import { Capture, tempDir } from "../helpers.js";

const GOAL_FORM: FormBlock = {
  type: "form",
  title: "Your learning goal",
  fields: [
    { kind: "text", id: "goal", label: "Goal", maxLength: 40, value: "Facilitate workshops" },
    { kind: "text", id: "note", label: "Note", optional: true },
    { kind: "number", id: "hours", label: "Hours a week", min: 1, max: 10, value: 2 },
    { kind: "date", id: "deadline", label: "Deadline", value: "2025-09-30" },
    {
      kind: "choice",
      id: "level",
      label: "Level",
      options: [
        { label: "Beginner", value: "beginner" },
        { label: "Intermediate", value: "intermediate" },
        { label: "Expert", value: "expert" },
      ],
      value: "intermediate",
    },
    {
      kind: "choices",
      id: "topics",
      label: "Topics",
      options: [
        { label: "Design", value: "design" },
        { label: "Facilitation", value: "facilitation" },
        { label: "Evaluation", value: "evaluation" },
      ],
      values: ["design"],
    },
  ],
  submit: { label: "Save", actionId: "goal.save", value: "goal-42" },
};

/**
 * A stand-in for the core: "goal" answers with the form, a submitted form with what it received.
 * The console is what is under test here, so the core only has to answer as the real one would.
 */
class FormCore {
  readonly messages: IncomingMessage[] = [];
  readonly actions: IncomingAction[] = [];
  constructor(private readonly form: FormBlock = GOAL_FORM) {}

  async handleMessage(message: IncomingMessage): Promise<Reply> {
    this.messages.push(message);
    if (message.text.trim() === "goal") return reply([{ type: "text", text: "Where are you heading?" }, this.form]);
    return reply([{ type: "text", text: `You said: ${message.text}` }]);
  }

  async handleAction(action: IncomingAction): Promise<Reply> {
    this.actions.push(action);
    return reply([{ type: "text", text: `Saved ${action.actionId}.` }]);
  }
}

async function chat(lines: string[], options: { locale?: Locale; core?: FormCore } = {}) {
  const core = options.core ?? new FormCore();
  const output = new Capture();
  const chatOptions: ConsoleChatOptions = {
    bot: core,
    input: PassThrough.from([`${lines.join("\n")}\n`]),
    output,
    locale: options.locale ?? "en",
    interactive: false,
    charts: new ConsoleCharts(await tempDir("charts-")),
  };
  await runConsoleChat(chatOptions);
  const submitted = core.actions.map((a) => ({ actionId: a.actionId, submission: formSubmissionSchema.parse(JSON.parse(a.value)) }));
  return { core, text: output.text, submitted };
}

describe("a form in the console", () => {
  it("asks each field on its own line, with the value in brackets and numbered options", async () => {
    const { text } = await chat(["goal"]);
    const lines = text.split("\n");
    const at = (start: string) => lines.findIndex((line) => line.startsWith(start));
    expect(at("== Your learning goal ==")).toBeGreaterThan(at("Where are you heading?"));
    expect(lines[at("Goal [Facilitate workshops]:")]).toBe("Goal [Facilitate workshops]:");
    expect(at("Goal [Facilitate workshops]:")).toBeGreaterThan(at("== Your learning goal =="));
    // Piped input ends after "goal": only the first field was asked.
    expect(text).not.toContain("Note");
  });

  it("sends every field as text once all are answered: typed values, option numbers, Enter keeping the shown value", async () => {
    const { core, text, submitted } = await chat(["goal", "Run my first workshop", "", "", "2025-10-15", "3", "1, 2", "what next?"]);
    expect(text).toContain("Note (optional):");
    expect(text).toContain("Hours a week (1–10) [2]:");
    expect(text).toContain("Deadline (YYYY-MM-DD) [2025-09-30]:");
    expect(text).toContain("Level [Intermediate]:\n  [1] Beginner  [2] Intermediate  [3] Expert");
    expect(text).toContain("Topics (numbers separated by commas) [Design]:\n  [1] Design  [2] Facilitation  [3] Evaluation");
    expect(submitted).toEqual([
      {
        actionId: "goal.save",
        submission: {
          context: "goal-42",
          fields: { goal: "Run my first workshop", note: "", hours: "2", deadline: "2025-10-15", level: "expert", topics: ["design", "facilitation"] },
        },
      },
    ]);
    expect(core.actions[0]).toEqual(expect.objectContaining({ platform: "console", userId: "console-user" }));
    expect(text).toContain("Saved goal.save.");
    // After the form, a line is a message again.
    expect(core.messages.map((m) => m.text)).toEqual(["goal", "what next?"]);
  });

  it("keeps every shown value when each field is answered with Enter", async () => {
    const { submitted } = await chat(["goal", "", "", "", "", "", ""]);
    expect(submitted[0]!.submission.fields).toEqual({ goal: "Facilitate workshops", note: "", hours: "2", deadline: "2025-09-30", level: "intermediate", topics: ["design"] });
  });

  it("asks a field again, saying why, for a number out of range, a bad date, an unknown option or a text too long", async () => {
    const lines = ["goal", "x".repeat(41), "ok", "", "11", "abc", "7", "30/09/2025", "2025-02-30", "2025-03-01", "4", "Expert", "1,9", "3,1"];
    const { text, submitted } = await chat(lines);
    expect(text).toContain("At most 40 characters, please.\nGoal [Facilitate workshops]:");
    expect(text.match(/A number from 1 to 10, please\.\nHours a week/g)).toHaveLength(2);
    expect(text.match(/A date written YYYY-MM-DD, please \(for example 2025-09-30\)\.\nDeadline/g)).toHaveLength(2);
    expect(text).toContain("Type the number of an option, from 1 to 3.\nLevel [Intermediate]:");
    expect(text).toContain("Type the number of an option, from 1 to 3.\nTopics");
    expect(submitted[0]!.submission.fields).toEqual({ goal: "ok", note: "", hours: "7", deadline: "2025-03-01", level: "expert", topics: ["evaluation", "design"] });
  });

  it("asks a required field with nothing to keep until it gets an answer", async () => {
    const core = new FormCore({ ...GOAL_FORM, fields: [{ kind: "text", id: "goal", label: "Goal" }, { kind: "number", id: "hours", label: "Hours", min: 0, max: 5 }] });
    const { text, submitted } = await chat(["goal", "", "Lead", "", "2,5"], { core });
    expect(text).toContain("This field needs an answer.\nGoal:");
    expect(text).toContain("This field needs an answer.\nHours (0–5):");
    expect(submitted[0]!.submission.fields).toEqual({ goal: "Lead", hours: "2.5" });
  });

  it("abandons the form on cancel, sending nothing, and reads the next line as a message", async () => {
    const { core, text } = await chat(["goal", "Run my first workshop", "cancel", "hello"]);
    expect(core.actions).toEqual([]);
    expect(text).toContain("Form abandoned.");
    expect(core.messages.map((m) => m.text)).toEqual(["goal", "hello"]);
    expect(text).toContain("You said: hello");
  });

  it("speaks the chat's language, and hears annuler", async () => {
    const { core, text } = await chat(["goal", "", "", "douze", "3", "31/12/2025", "annuler"], { locale: "fr" });
    expect(text).toContain("Entrée garde la valeur entre crochets");
    expect(text).toContain("Note (facultatif) :");
    expect(text).toContain("Un nombre de 1 à 10, s'il vous plaît.");
    expect(text).toContain("Deadline (AAAA-MM-JJ) [2025-09-30] :");
    expect(text).toContain("Une date écrite AAAA-MM-JJ, s'il vous plaît");
    expect(text).toContain("Formulaire abandonné.");
    expect(core.actions).toEqual([]);
  });
});
