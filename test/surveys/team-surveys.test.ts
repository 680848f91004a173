import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Block, FormBlock, Reply } from "../../src/answers/reply.js";
import { DatabaseJobQueue } from "../../src/jobs/database-queue.js";
import { openDatabase } from "../../src/records/database.js";
import { SurveyRecords } from "../../src/surveys/survey-records.js";
import { testParcours } from "../helpers.js";
import { RecordingPort } from "./recording-port.js";

const CHANNEL = "C-team";
const manager = { platform: "test", userId: "M1", conversationId: CHANNEL, place: { address: { platform: "test", conversationId: CHANNEL }, shared: true } };
const member = (userId: string) => ({ platform: "test", userId, conversationId: `dm:${userId}` });
const MEMBERS = ["M1", "U1", "U2", "U3", "U4"];

const text = (reply: Reply | undefined) => JSON.stringify(reply?.blocks ?? []);
const buttons = (reply: Reply | undefined) => (reply?.blocks ?? []).flatMap((b: Block) => (b.type === "buttons" ? b.buttons : []));
const formOf = (reply: Reply | undefined) => reply?.blocks.find((b): b is FormBlock => b.type === "form");

async function started(options: { admins?: string[] } = {}) {
  const clock = { now: Date.parse("2027-02-20T09:00:00Z") };
  const now = () => new Date(clock.now);
  const database = await openDatabase("memory://");
  const jobs = new DatabaseJobQueue(database, { now: () => clock.now, pollMs: 20 });
  const parcours = await testParcours({ database, now, jobs, ...(options.admins ? { admins: options.admins } : {}) });
  const port = new RecordingPort();
  port.members.set(CHANNEL, MEMBERS);
  parcours.outbound.register(port);
  const bot = parcours.bot;
  const press = (who: { platform: string; userId: string; conversationId: string }, actionId: string, value: string) => bot.handleAction({ ...who, actionId, value });

  /** The manager asks, then submits the form as shown, with `changes` made to its fields. */
  async function create(ask: string, changes: Record<string, string | string[]> = {}) {
    const form = formOf(await bot.handleMessage({ ...manager, text: ask }));
    if (!form) throw new Error("no form");
    const fields = Object.fromEntries(form.fields.map((f) => [f.id, f.kind === "choices" ? (f.values ?? []) : String(f.value ?? "")]));
    const created = await press(manager, form.submit.actionId, JSON.stringify({ context: form.submit.value, fields: { ...fields, ...changes } }));
    const card = port.posts.find((p) => p.to.conversationId === CHANNEL);
    const answer = buttons(card?.reply).find((b) => b.actionId === "survey.answer");
    return { form, created, card, answer, tool: (label: string) => buttons(created).find((b) => b.label.startsWith(label))! };
  }

  /** A member answers every skill with the given ratings ("skip" skips). */
  async function answer(userId: string, answerButton: { actionId: string; value: string }, ratings: string[]) {
    let last = await press(member(userId), answerButton.actionId, answerButton.value);
    for (const rating of ratings) last = await bot.handleMessage({ ...member(userId), text: rating });
    return last;
  }
  return { clock, parcours, database, port, bot, press, create, answer };
}

describe("team skill surveys", () => {
  it("offers the form filled with what the manager said, and posts the card in the channel", async () => {
    const { create, port } = await started();
    const { form, card, created } = await create("skills check for the team on the learning architect profile, due 3 March, anonymous");
    const field = (id: string) => form.fields.find((f) => f.id === id) as { value?: unknown };
    expect(field("role").value).toBe("learning-architect");
    expect(field("deadline").value).toBe("2027-03-03");
    expect(field("anonymity").value).toBe("anonymous");
    expect(field("minResponses").value).toBe(3);
    expect(text(card?.reply)).toContain("Answer before");
    expect(text(card?.reply)).toMatch(/Anonymous: your answers are stored without your name/);
    expect(text(card?.reply)).toContain("0 responses so far");
    expect(created?.private).toBe(true);
    expect(buttons(created).map((b) => b.actionId)).toContain("surveys.results");
    expect(port.posts).toHaveLength(1);
  });

  it("refuses a survey asked for in a private conversation, and one by someone not in the channel", async () => {
    const { bot, press, port } = await started();
    const inDm = await bot.handleMessage({ platform: "test", userId: "M1", conversationId: "dm:M1", text: "team survey on the DLM skills" });
    expect(text(inDm)).toContain("posted in a channel");
    const form = formOf(await bot.handleMessage({ ...manager, userId: "X9", text: "team survey on the DLM skills" }))!;
    const fields = Object.fromEntries(form.fields.map((f) => [f.id, f.kind === "choices" ? (f.values ?? []) : String(f.value ?? "")]));
    const refused = await press({ ...manager, userId: "X9" }, "surveys.create", JSON.stringify({ context: form.submit.value, fields }));
    expect(text(refused)).toContain("Only a member of this channel");
    expect(port.posts).toHaveLength(0);
  });

  it("checks the submitted form whatever the platform checked: a minimum below 3, a past deadline, a forged role", async () => {
    const { create, port } = await started();
    const { created } = await create("team survey on the DLM skills", { minResponses: "2", deadline: "2027-01-01", role: "astronaut" });
    expect(text(created)).toContain("cannot be below 3");
    expect(text(created)).toContain("don't know that role");
    expect(port.posts).toHaveLength(0);
  });

  it("shows nothing but the count below the minimum, then aggregates only, with skills too few rated left out", async () => {
    const { create, answer, press, parcours } = await started();
    // Named, so that figures show while it is open; the same minimum holds for anonymous ones.
    const { answer: answerButton, tool } = await create("team survey on the SME trainer skills", { anonymity: "named" });
    const skills = parcours.catalog.get("expert-trainer").skills;
    const all = (rating: string) => skills.map(() => rating);
    await answer("U1", answerButton!, all("2"));
    await answer("U2", answerButton!, all("4"));
    const results = () => press(manager, "surveys.results", tool("Results").value);
    expect(text(await results())).toContain("results show from 3");
    // The third member skips the first skill: it has two ratings, too few to show.
    await answer("U3", answerButton!, ["skip", ...all("3").slice(1)]);
    const shown = await results();
    expect(text(shown)).toContain("3 responses");
    expect(text(shown)).toContain(`${skills[0]!.name.en}: fewer than 3 answers, not shown`);
    expect(text(shown)).toContain(`${skills[1]!.name.en}: team 3.0`);
    const chart = shown.blocks.find((b) => b.type === "chart") as Extract<Block, { type: "chart" }>;
    expect(chart.series.map((s) => s.label)).not.toContain(skills[0]!.name.en);
    expect(chart.series.find((s) => s.label === skills[1]!.name.en)?.value).toBe(3);
  });

  it("asks each skill with the levels as numbers, and skip and stop as words where buttons are typed", async () => {
    const { create, press } = await started();
    const { answer: answerButton } = await create("team survey on the SME trainer skills");
    const question = await press(member("U9"), answerButton!.actionId, answerButton!.value);
    const buttons = (question?.blocks ?? []).flatMap((block) => (block.type === "buttons" ? block.buttons : []));
    expect(buttons.map((button) => [button.label, button.typed])).toEqual([["1", undefined], ["2", undefined], ["3", undefined], ["4", undefined], ["5", undefined], ["Skip", "skip"], ["Stop", "stop"]]);
  });

  it("replaces an answer given again, never counting it twice, and keeps the live count on the card exact", async () => {
    const { create, answer, database, port } = await started();
    const { answer: answerButton, card } = await create("team survey on the SME trainer skills");
    await answer("U1", answerButton!, ["1", "1", "1", "1", "1", "1"]);
    const again = await answer("U1", answerButton!, ["5", "5", "5", "5", "5", "5"]);
    expect(text(again)).toContain("Thank you");
    const rows = await database.db.selectFrom("survey_responses").select("ratings").execute();
    expect(rows).toHaveLength(1);
    expect(Object.values(JSON.parse(rows[0]!.ratings) as Record<string, number>)).toEqual([5, 5, 5, 5, 5, 5]);
    await expect.poll(() => text(port.updates.filter((u) => u.message.messageId === card!.messageId).at(-1)?.reply)).toContain("1 response so far");
  });

  it("makes answers unlinkable once closed: the secret is gone and no key is a member's", async () => {
    const { create, answer, press, database, parcours } = await started();
    const { answer: answerButton, tool } = await create("team survey on the SME trainer skills");
    for (const userId of ["U1", "U2", "U3"]) await answer(userId, answerButton!, ["3", "3", "3", "3", "3", "3"]);
    const secret = (await database.db.selectFrom("survey_secrets").select("secret").executeTakeFirstOrThrow()).secret;
    const keysWhileOpen = (await database.db.selectFrom("survey_responses").select("respondent").execute()).map((r) => r.respondent);
    // While open, the secret links a member to a key: that is what replacing an answer needs.
    expect(keysWhileOpen).toContain(createHmac("sha256", secret).update("test:U1").digest("base64url"));
    // Figures wait for the close: two looks while answers come in would give one person's answers away.
    expect(text(await press(manager, "surveys.results", tool("Results").value))).toContain("results show when it closes");
    expect(text(await press(manager, "surveys.close", tool("Close").value))).toContain("closed");
    expect(await database.db.selectFrom("survey_secrets").selectAll().execute()).toEqual([]);
    // Every response was written again under a random key, in a random order: no hash is left to match.
    const keys = (await database.db.selectFrom("survey_responses").select("respondent").execute()).map((r) => r.respondent);
    expect(keys).toHaveLength(3);
    for (const key of keysWhileOpen) expect(keys).not.toContain(key);
    for (const userId of ["U1", "U2", "U3"]) expect(keys).not.toContain(userId);
    // Answering again after the close is refused, and the results still show.
    expect(text(await answer("U1", answerButton!, []))).toContain("closed");
    expect(text(await press(manager, "surveys.results", tool("Results").value))).toContain("3 responses");
    await parcours.close();
  });

  it("lets only the creator and the L&D admins see results and use the tools", async () => {
    const { create, press } = await started({ admins: ["test:A1"] });
    const { tool } = await create("team survey on the SME trainer skills");
    expect(text(await press(member("U1"), "surveys.results", tool("Results").value))).toContain("Only the survey's creator");
    expect(text(await press(member("U1"), "surveys.close", tool("Close").value))).toContain("Only the survey's creator");
    expect(text(await press(member("A1"), "surveys.results", tool("Results").value))).toContain("Team results");
  });

  it("reminds those who have not answered, at most once a day, and closes itself at the deadline", async () => {
    const { create, answer, clock, parcours, port } = await started();
    const { answer: answerButton, form } = await create("team survey on the SME trainer skills");
    parcours.startWork();
    await answer("U1", answerButton!, ["3", "3", "3", "3", "3", "3"]);
    const deadline = Date.parse(`${(form.fields.find((f) => f.id === "deadline") as { value: string }).value}T23:59:00Z`);
    // The reminder is due one day before the deadline.
    clock.now = deadline - 24 * 3600_000 + 1000;
    await expect.poll(() => port.posts.filter((p) => text(p.reply).includes("Reminder")).map((p) => p.to.conversationId).sort(), { timeout: 10_000 }).toEqual(["dm:M1", "dm:U2", "dm:U3", "dm:U4"]);
    clock.now = deadline + 1000;
    await expect.poll(() => port.posts.some((p) => p.to.conversationId === "dm:M1" && text(p.reply).includes("closed with 1 response")), { timeout: 10_000 }).toBe(true);
    expect(port.posts.filter((p) => text(p.reply).includes("Reminder"))).toHaveLength(4);
    await parcours.close();
  });

  it("answers a clear sentence to an unknown or malformed survey button, and to a rating after the close", async () => {
    const { press, create, bot } = await started();
    expect(text(await press(member("U1"), "survey.answer", JSON.stringify({ survey: "6f1c1e9e-0000-4000-8000-000000000000" })))).toContain("don't know this survey");
    expect(text(await press(member("U1"), "survey.answer", "not json at all"))).toContain("don't know this survey");
    const { answer: answerButton, tool } = await create("team survey on the SME trainer skills");
    await press(member("U2"), answerButton!.actionId, answerButton!.value);
    await press(manager, "surveys.close", tool("Close").value);
    // U2 was half-way through when it closed: the next rating is told so, and ends the answer.
    expect(text(await bot.handleMessage({ ...member("U2"), text: "4" }))).toContain("closed");
    expect(text(await bot.handleMessage({ ...member("U2"), text: "what is a DLM?" }))).toContain("Digital Learning Manager");
  });

  it("says a named survey is named, on the card and before anyone answers", async () => {
    const { create, press } = await started();
    const { card, answer: answerButton } = await create("team survey on the SME trainer skills, with names", { anonymity: "named" });
    expect(text(card?.reply)).toContain("Named:");
    expect(text(await press(member("U1"), answerButton!.actionId, answerButton!.value))).toContain("its creator will see your answers");
  });

  it("keeps a survey answered in the middle of a self-assessment apart from it, and brings the assessment back", async () => {
    const { create, answer, bot } = await started();
    const { answer: answerButton } = await create("team survey on the SME trainer skills");
    await bot.handleMessage({ ...member("U1"), text: "assess me against learning architect" });
    await bot.handleMessage({ ...member("U1"), text: "2" });
    const done = await answer("U1", answerButton!, ["3", "3", "3", "3", "3", "3"]);
    expect(text(done)).toContain("Back to your self-assessment");
    expect(text(done)).toContain("2/");
    expect(text(await bot.handleMessage({ ...member("U1"), text: "my results" }))).toContain("no self-assessment results");
  });

  it("shows the change since the team's previous survey on the same role", async () => {
    const { create, answer, press, port, clock } = await started();
    const first = await create("team survey on the SME trainer skills");
    for (const userId of ["U1", "U2", "U3"]) await answer(userId, first.answer!, ["2", "2", "2", "2", "2", "2"]);
    await press(manager, "surveys.close", first.tool("Close").value);
    port.posts.length = 0;
    clock.now += 30 * 24 * 3600_000;
    const second = await create("team survey on the SME trainer skills");
    for (const userId of ["U1", "U2", "U3"]) await answer(userId, second.answer!, ["3", "3", "3", "3", "3", "3"]);
    await press(manager, "surveys.close", second.tool("Close").value);
    const results = await press(manager, "surveys.results", second.tool("Results").value);
    expect(text(results)).toContain("Since the previous survey");
    expect(text(results)).toMatch(/: \+1\.0/);
  });

  it("keeps a member's other answers when they answer one skill again, and refuses any write once closed", async () => {
    const { create, answer, press, database, parcours, bot } = await started();
    const { answer: answerButton, tool } = await create("team survey on the SME trainer skills", { anonymity: "named" });
    await answer("U1", answerButton!, ["2", "2", "2", "2", "2", "2"]);
    // Again, but only the first skill before stopping: the other five keep their 2.
    await answer("U1", answerButton!, ["5", "stop"]);
    const row = await database.db.selectFrom("survey_responses").select("ratings").executeTakeFirstOrThrow();
    expect(Object.values(JSON.parse(row.ratings) as Record<string, number>)).toEqual([5, 2, 2, 2, 2, 2]);
    await press(member("U2"), answerButton!.actionId, answerButton!.value);
    await press(manager, "surveys.close", tool("Close").value);
    const survey = (await database.db.selectFrom("surveys").select("id").executeTakeFirstOrThrow()).id;
    const records = new SurveyRecords(database.db, "sqlite");
    await expect(records.answer((await records.find(survey))!, "late", { x: 3 })).rejects.toThrow(/closed/);
    expect(text(await bot.handleMessage({ ...member("U2"), text: "4" }))).toContain("closed");
    expect(await database.db.selectFrom("survey_responses").selectAll().execute()).toHaveLength(1);
    await parcours.close();
  });
});
