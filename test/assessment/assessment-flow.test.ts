import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Block, Reply } from "../../src/answers/reply.js";
import { en } from "../../src/i18n/en.js";
import { fr } from "../../src/i18n/fr.js";
import { userStateKey } from "../../src/privacy/user-erasure.js";
import { openDatabase } from "../../src/records/database.js";
import { openStateStore } from "../../src/store/open-state.js";
import { tempDir } from "../helpers.js";
import { buttons, flowKey, header, inProgress, levelButton, says, started, text, user } from "./conversation.js";

describe("self-assessment flow", () => {
  it("asks for the target role when none is given, then one skill at a time with progress", async () => {
    const { say, press, catalog } = await started();
    const first = await say("je veux évaluer mes compétences");
    expect(first?.private).toBe(true);
    const choices = first?.blocks.find((b) => b.type === "choices") as Extract<Block, { type: "choices" }>;
    expect(choices.options.map((o) => o.value)).toContain("learning-architect");
    const role = catalog.get("learning-architect");
    const question = await press("assessment.start", role.id);
    expect(header(question)).toBe(`1/${role.skills.length} · ${role.skills[0]!.name.fr}`);
    expect(text(question)).toContain(role.skills[0]!.covers.fr);
    for (const level of catalog.scale.levels) expect(text(question)).toContain(level.descriptor.fr);
    expect(buttons(question).map((b) => b.label)).toEqual(["1", "2", "3", "4", "5", "Passer", "Arrêter"]);
  });

  it("takes typed and pressed answers, then shows gaps, a chart and recommended modules", async () => {
    const { say, press, catalog } = await started();
    const role = catalog.get("digital-learning-manager");
    await say("assess me against digital learning manager");
    const answers = ["3", "three", "expert", "beginner", "intermediate", "2/5", "level 4", "skip"].slice(0, role.skills.length);
    let last: Reply | undefined;
    for (const [i, answer] of answers.entries()) {
      last = i === 1 ? await press("assessment.rate", levelButton(last, 3).value) : await say(answer);
    }
    expect(header(last)).toBe(`Your self-assessment: ${role.names.en}`);
    const chart = last!.blocks.find((b) => b.type === "chart") as Extract<Block, { type: "chart" }>;
    expect(chart.series.map((s) => s.target)).toEqual(role.skills.map((s) => s.targetLevel));
    expect(chart.series[0]!.value).toBe(3);
    expect(chart.series[2]!.value).toBe(5);
    expect(chart.series[3]!.value).toBe(1);
    const gaps = (last!.blocks.find((b) => b.type === "section") as Extract<Block, { type: "section" }>).text.split("\n");
    expect(gaps[0]).toContain(role.skills[3]!.name.en);
    expect(text(last)).toContain("Recommended modules");
    expect(text(last)).toContain("Next step");
  });

  it("re-asks with a hint on a bad answer and leaves the skill unrated after three tries", async () => {
    const { say, catalog } = await started();
    const role = catalog.get("learning-designer");
    await say("assess me against learning designer");
    const hinted = await say("banana");
    expect(text(hinted)).toContain("a number from 1 to 5");
    expect(header(hinted)).toContain(`1/${role.skills.length}`);
    await say("purple");
    const third = await say("zzz");
    expect(text(third)).toContain("unrated");
    expect(header(third)).toContain(`2/${role.skills.length}`);
  });

  it.each([
    ["en", "assess me against learning architect", en],
    ["fr", "évaluer mes compétences de learning architect", fr],
  ] as const)("answers 6 and 7 with the scale, on the same skill, never as a skip or a stop (%s)", async (locale, start, m) => {
    const { say, catalog, state } = await started();
    const role = catalog.get("learning-architect");
    await say(start);
    for (const typed of ["6", "7"]) {
      const reply = await say(typed);
      expect(says(reply, m.assessment.offScale), typed).toBe(true);
      expect(header(reply)).toBe(`1/${role.skills.length} · ${role.skills[0]!.name[locale]}`);
    }
    expect(await inProgress(state)).toMatchObject({ index: 0, ratings: {} });
  });

  it("goes on in the language the user switches to: questions, hints and explanations", async () => {
    const { say, catalog } = await started();
    const role = catalog.get("learning-architect");
    const question = (index: number, locale: "fr" | "en") => `${index + 1}/${role.skills.length} · ${role.skills[index]!.name[locale]}`;
    expect(header(await say("évaluer mes compétences de learning architect"))).toBe(question(0, "fr"));
    const switched = await say("three");
    expect(header(switched)).toBe(question(1, "en"));
    expect(buttons(switched).map((b) => b.label)).toEqual(["1", "2", "3", "4", "5", "Skip", "Stop"]);
    // A number says nothing of its language: the assessment stays in the last one spoken.
    expect(header(await say("4"))).toBe(question(2, "en"));
    expect(says(await say("banana"), en.assessment.hint)).toBe(true);
    const explained = await say("ça veut dire quoi ?");
    expect(text(explained)).toContain(role.skills[2]!.covers.fr);
    expect(header(explained)).toBe(question(2, "fr"));
    const interrupted = await say("what is a DLM?");
    expect(says(interrupted, en.assessment.back)).toBe(true);
    expect(text(interrupted)).toContain(question(2, "en"));
    expect(header(await say("passer"))).toBe(question(3, "fr"));
    expect(header(await say("continue my assessment"))).toBe(question(3, "en"));
  });

  it("answers a question asked mid-flow, then resumes the same skill", async () => {
    const { say, catalog } = await started();
    const role = catalog.get("learning-architect");
    await say("évaluer mes compétences de learning architect");
    const interrupted = await say("c'est quoi un DLM ?");
    expect(text(interrupted)).toContain(catalog.get("digital-learning-manager").summary.fr);
    expect(text(interrupted)).toContain("Retour à votre auto-évaluation");
    expect(text(interrupted)).toContain(`1/${role.skills.length} · ${role.skills[0]!.name.fr}`);
    const explained = await say("ça veut dire quoi ?");
    expect(text(explained)).toContain(role.skills[0]!.covers.fr);
    expect(header(await say("4"))).toContain(`2/${role.skills.length}`);
  });

  it("stops on 'annuler', keeping what was answered", async () => {
    const { say, catalog } = await started();
    await say("évaluer mes compétences de responsable formation");
    await say("4");
    const stopped = await say("annuler");
    expect(text(stopped)).toContain("J'ai gardé votre réponse");
    const results = await say("mes résultats");
    expect(text(results)).toContain(`${catalog.get("training-manager").names.fr}`);
    expect(text(results)).toContain("1/");
  });

  it("offers to resume or start over when another assessment is started", async () => {
    const { say, press, catalog } = await started();
    const role = catalog.get("expert-trainer");
    await say("assess me against SME trainer");
    await say("2");
    const offer = await say("assess my skills for learning designer");
    expect(buttons(offer).map((b) => b.actionId)).toEqual(["assessment.resume", "assessment.restart"]);
    expect(header(await press("assessment.resume", role.id))).toContain(`2/${role.skills.length}`);
    expect(header(await say("continue my assessment"))).toContain(`2/${role.skills.length}`);
  });

  it("applies the first of two rating buttons pressed at once, and says the second came too late", async () => {
    const { say, press, catalog, state } = await started();
    const role = catalog.get("learning-architect");
    const question = await say("assess me against learning architect");
    const [first, second] = await Promise.all([press("assessment.rate", levelButton(question, 4).value), press("assessment.rate", levelButton(question, 1).value)]);
    expect(header(first)).toContain(`2/${role.skills.length}`);
    expect(text(second)).toContain("already answered");
    expect(await inProgress(state)).toMatchObject({ index: 1, ratings: { [role.skills[0]!.id]: 4 } });
  });

  it("applies two answers typed at once to two skills in turn", async () => {
    const { say, catalog, state } = await started();
    const role = catalog.get("learning-architect");
    await say("assess me against learning architect");
    await Promise.all([say("2"), say("4")]);
    expect(await inProgress(state)).toMatchObject({ index: 2, ratings: { [role.skills[0]!.id]: 2, [role.skills[1]!.id]: 4 } });
  });

  it("keeps only the rating buttons when a question interrupts the assessment", async () => {
    const { say } = await started();
    await say("assess me against learning architect");
    const interrupted = await say("what is a DLM?");
    expect(buttons(interrupted).map((b) => b.label)).toEqual(["1", "2", "3", "4", "5", "Skip", "Stop"]);
  });

  it("starts over with the role just asked for", async () => {
    const { say, press, catalog } = await started();
    await say("assess me against learning architect");
    const offer = await say("assess me against digital learning manager");
    const restart = buttons(offer).find((b) => b.actionId === "assessment.restart")!;
    expect(restart.value).toBe("digital-learning-manager");
    expect(header(await press(restart.actionId, restart.value))).toContain(catalog.get("digital-learning-manager").skills[0]!.name.en);
  });

  it("refuses a rating button from an earlier assessment of the same role", async () => {
    // An assessment is known by when it started: each step of this conversation happens a second apart.
    let tick = Date.parse("2026-12-01T09:00:00Z");
    const { say, press, catalog } = await started({ now: () => new Date((tick += 1000)) });
    const role = catalog.get("expert-trainer");
    const oldQuestion = await say("assess me against SME trainer");
    await say("stop");
    await say("assess me against SME trainer");
    const pressed = await press("assessment.rate", levelButton(oldQuestion, 5).value);
    expect(text(pressed)).toContain("no self-assessment in progress");
    expect(header(pressed)).toContain(`1/${role.skills.length}`);
  });

  it("says an assessment is finished when its last question's button is pressed again", async () => {
    const { say, press, catalog } = await started();
    const role = catalog.get("expert-trainer");
    let question = await say("assess me against SME trainer");
    for (let i = 0; i < role.skills.length - 1; i++) question = await say("3");
    await press("assessment.rate", levelButton(question, 4).value);
    expect(text(await press("assessment.rate", levelButton(question, 2).value))).toContain("already finished");
  });

  it("lets go of an assessment whose skill left the catalogue's role", async () => {
    const { say, state } = await started();
    const stale = { roleId: "expert-trainer", locale: "en", index: 40, ratings: {}, tries: 0, startedAt: "2026-01-01T00:00:00.000Z" };
    await state.set(flowKey, { flow: "assessment", version: 1, state: stale, idleUntil: Date.now() + 3600_000 });
    expect(text(await say("what does this skill mean?"))).not.toContain("went wrong");
    expect(await state.get(flowKey)).toBeUndefined();
  });

  it("lets go of an assessment whose role left the catalogue", async () => {
    const { say, state } = await started();
    const retired = { roleId: "retired-role", locale: "fr", index: 0, ratings: {}, tries: 0, startedAt: "2026-01-01T00:00:00.000Z" };
    await state.set(flowKey, { flow: "assessment", version: 1, state: retired, idleUntil: Date.now() + 3600_000 });
    const reply = await say("bonjour");
    expect(text(reply)).toContain("Bonjour");
    expect(await state.get(flowKey)).toBeUndefined();
  });

  it("continues in a new process after a restart, with a SQLite store", async () => {
    const url = `sqlite://${join(await tempDir(), "parcours.sqlite")}`;
    const process = async () => {
      const database = await openDatabase(url);
      return started({ database, state: openStateStore(database, {}) });
    };
    const first = await process();
    const role = first.catalog.get("training-project-manager");
    await first.say("assess me against training project manager");
    await first.say("3");
    await first.close();
    const second = await process();
    const resumed = await second.say("resume");
    expect(header(resumed)).toContain(`2/${role.skills.length}`);
    await second.close();
  });

  it("forgets an assessment after the idle time", async () => {
    let clock = Date.parse("2026-12-01T09:00:00Z");
    const { say } = await started({ assessmentIdleMs: 3600_000, now: () => new Date(clock) });
    await say("assess me against learning architect");
    clock += 30 * 60_000;
    expect(header(await say("resume"))).toContain("1/");
    clock += 61 * 60_000;
    expect(text(await say("resume"))).toContain("no self-assessment in progress");
  });

  it("shows the change since the previous result for the same role", async () => {
    const { say, catalog } = await started();
    const role = catalog.get("expert-trainer");
    for (const rating of ["2", "4"]) {
      await say("assess me against SME trainer");
      let last: Reply | undefined;
      for (let i = 0; i < role.skills.length; i++) last = await say(rating);
      if (rating === "4") {
        expect(text(last)).toContain("Since your previous self-assessment");
        expect(text(last)).toContain(`${role.skills[0]!.name.en}: +2`);
      }
    }
  });

  it("deletes all of a user's data after confirmation, and nothing of theirs stays", async () => {
    const { say, press, state } = await started();
    await say("what is a DLM?");
    await say("assess me against learning architect");
    await say("3");
    await say("stop");
    await say("assess me against learning designer");
    const confirm = await say("supprime mes données");
    expect(buttons(confirm).map((b) => b.actionId)).toEqual(["data.delete", "data.keep"]);
    const done = await press("data.delete", "all");
    expect(text(done)).toContain("supprimé");
    for (const name of ["context", "flow"]) expect(await state.get(userStateKey(user, name))).toBeUndefined();
    expect(text(await say("my results"))).toContain("no self-assessment results");
  });
});
