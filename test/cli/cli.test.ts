import { cp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../bin/run-cli.js";
import { en } from "../../src/i18n/en.js";
import { fr } from "../../src/i18n/fr.js";
import { openDatabase } from "../../src/records/database.js";
import { openStateStore } from "../../src/store/open-state.js";
import { Capture, SHIPPED_CATALOG, tempDir } from "../helpers.js";
import { typesetFrench } from "../../src/i18n/french-typography.js";

async function run(argv: string[], input = "", env: NodeJS.ProcessEnv = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { env: { DATABASE_URL: "memory://", ...env }, stdin: Readable.from([input]), stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

describe("parcours CLI", () => {
  it("understand --json writes one JSON object a line", async () => {
    const { code, out } = await run(["understand", "--json"], "what does a Learning Architect do?\n\nc'est quoi un DLM ?\n");
    expect(code).toBe(0);
    const lines = out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ text: "what does a Learning Architect do?", intent: "role.describe", roles: ["learning-architect"], locale: "en" });
    expect(Object.keys(lines[1]!).sort()).toEqual(["confidence", "intent", "locale", "roles", "text"]);
    expect(lines[1]).toMatchObject({ roles: ["digital-learning-manager"], locale: "fr" });
  });

  it("understand --json adds what a survey request said of its deadline and anonymity, the tab-separated lines keep their columns", async () => {
    const input = "skills check for the team on the learning architect profile, due 3 March, anonymous\nlaunch a skills survey for my team\n";
    const { code, out } = await run(["understand", "--json"], input, { TZ: "Europe/Paris" });
    expect(code).toBe(0);
    const [said, unsaid] = out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    // 3 March, 23:59 in Paris, in whichever year it is next.
    expect(said).toMatchObject({ intent: "survey.start", roles: ["learning-architect"], survey: { anonymous: true, deadline: expect.stringMatching(/^\d{4}-03-03T22:59:00\.000Z$/) } });
    expect(unsaid).toMatchObject({ intent: "survey.start" });
    expect(unsaid!.survey).toEqual({});
    const tsv = await run(["understand"], input);
    expect(tsv.out.trim().split("\n").map((l) => l.split("\t").length)).toEqual([5, 5]);
  });

  it("understand without --json prints one tab-separated line a question", async () => {
    const { code, out } = await run(["understand"], "what's a product manager\nquelles compétences pour un RF ?\n");
    expect(code).toBe(0);
    expect(out.trim().split("\n").map((l) => l.split("\t").slice(0, 3))).toEqual([
      ["unknown", "-", "en"],
      ["role.skills", "training-manager", "fr"],
    ]);
  });

  it("ask prints one answer, as text or as the reply model in JSON", async () => {
    const text = await run(["ask", "quelles compétences pour un DLM ?"]);
    expect(text.code).toBe(0);
    expect(text.out).toContain("Compétences");
    const json = await run(["ask", "what is a DLM", "--locale", "en", "--json"]);
    expect(JSON.parse(json.out)).toMatchObject({ fallbackText: expect.stringContaining("Digital Learning Manager") });
    const forced = await run(["ask", "which skills does a DLM need?", "--locale", "fr"]);
    expect(forced.out).toContain(typesetFrench("Compétences : Digital Learning Manager"));
  });

  it("ask declines a self-assessment, which needs a conversation, and leaves nothing behind in the store", async () => {
    const url = `sqlite://${join(await tempDir(), "ask.sqlite")}`;
    for (const [question, sentence] of [
      ["assess me as a learning architect", en.inConversation.assessment],
      ["évalue-moi en tant que learning architect", fr.inConversation.assessment],
    ]) {
      const { code, out } = await run(["ask", question!], "", { DATABASE_URL: url });
      expect(code).toBe(0);
      // Wrapped at 80 columns, the width of an output that is no terminal.
      expect(out.replace(/ *\n+ */g, " ")).toContain(sentence);
    }
    const database = await openDatabase(url);
    const state = openStateStore(database, {});
    // Neither a flow nor a context for the users those runs made up.
    expect(await state.deleteByPrefix("user:cli:")).toBe(0);
    await database.close();
  });

  it("refuses unknown flags, bad locales and missing questions with usage and exit code 2", async () => {
    for (const argv of [["ask", "--colour", "x"], ["ask", "x", "--locale", "de"], ["ask"], ["fly"]]) {
      const { code, err } = await run(argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(err).toMatch(/^parcours: /);
      expect(err).toContain("Usage: parcours");
      expect(err).not.toMatch(/\n\s+at /);
    }
  });

  it("catalog check validates the shipped catalogue and names the problem in a broken one", async () => {
    const ok = await run(["catalog", "check", SHIPPED_CATALOG]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Catalogue OK: \d+ roles/);
    const dir = await tempDir();
    await cp(SHIPPED_CATALOG, dir, { recursive: true });
    await writeFile(join(dir, "roles", "expert-trainer.yaml"), "id: expert-trainer\n");
    const broken = await run(["catalog", "check", dir]);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain("expert-trainer.yaml");
    expect(broken.err).toContain("names");
  });

  it("chat answers piped messages in order, and a number presses a button", async () => {
    const { code, out } = await run(["chat"], "what is a DLM?\n1\nquit\nnot read\n");
    expect(code).toBe(0);
    const dlm = out.indexOf("== Digital Learning Manager ==");
    // The first button of a role's short answer: its missions in full.
    const missions = out.indexOf(`== ${en.describe.title("Digital Learning Manager")} ==`);
    expect(dlm).toBeGreaterThanOrEqual(0);
    expect(missions).toBeGreaterThan(dlm);
  });

  it("start says in one line that PORT is taken, instead of a trace", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = holder.address() as AddressInfo;
      const taken = await run(["start"], "", { TEAMS_ENABLED: "true", PORT: String(port), DATABASE_URL: "memory://" });
      expect(taken.code).toBe(1);
      expect(taken.err.split("\n").filter((line) => !line.startsWith("{"))).toEqual([`parcours: PORT ${port} cannot be listened on (another process holds it): set PORT to a free port`, ""]);
    } finally {
      holder.close();
    }
  });

  it("start opens the console chat when no platform is configured", async () => {
    const { code, out } = await run(["start"], "help\n");
    expect(code).toBe(0);
    expect(out).toContain("What I can do");
  });

  it("stops on a bad configuration value, naming the variable", async () => {
    const locale = await run(["chat"], "", { DEFAULT_LOCALE: "de" });
    expect(locale.code).toBe(1);
    expect(locale.err).toContain("DEFAULT_LOCALE");
    const store = await run(["chat"], "", { DATABASE_URL: "ftp://x" });
    expect(store.code).toBe(1);
    expect(store.err).toContain("DATABASE_URL");
    const renamed = await run(["chat"], "", { STORE_URL: "redis://127.0.0.1:6379" });
    expect(renamed.code).toBe(1);
    expect(renamed.err).toMatch(/STORE_URL.*DATABASE_URL.*REDIS_URL/);
    const teamsPort = await run(["start"], "", { TEAMS_ENABLED: "true", TEAMS_PORT: "3978" });
    expect(teamsPort.code).toBe(1);
    expect(teamsPort.err).toMatch(/TEAMS_PORT is no longer read: Teams is served on PORT/);
    const redis = await run(["chat"], "", { REDIS_URL: "localhost:6379" });
    expect(redis.code).toBe(1);
    expect(redis.err).toContain("REDIS_URL");
    const slack = await run(["start"], "", { SLACK_BOT_TOKEN: "xoxb-1" });
    expect(slack.code).toBe(1);
    expect(slack.err).toContain("SLACK_SIGNING_SECRET");
  });
});
