import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logging/logger.js";
import { createParcours } from "../../src/parcours.js";
import { LlmPhrasing } from "../../src/phrasing/llm-phrasing.js";
import { templatePhrasing } from "../../src/phrasing/phrasing.js";
import { Capture } from "../helpers.js";
import { FakeOpenAiServer, sentencesReply } from "./fake-openai-server.js";
import { fakeModelEnv } from "./phrasing-harness.js";

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await new FakeOpenAiServer().start();
});
afterEach(async () => {
  await server.stop();
});

async function parcoursWith(env: Record<string, string>) {
  const logs = new Capture();
  const parcours = await createParcours(loadConfig({ DATABASE_URL: "memory://", ...env }), createLogger("info", logs));
  return { parcours, logs };
}

describe("phrasing chosen from configuration", () => {
  it("keeps the template answers by default and says so", async () => {
    const { parcours, logs } = await parcoursWith({ OPENAI_MODEL: "fake-model", OPENAI_BASE_URL: server.baseURL });
    expect(parcours.phrasing).toBe(templatePhrasing);
    expect(logs.text).toContain("phrasing: template answers");
    await parcours.close();
  });

  it("warns and keeps the template answers when PHRASING=llm has no model to ask", async () => {
    const { parcours, logs } = await parcoursWith({ PHRASING: "llm", OPENAI_API_KEY: "sk-test" });
    expect(parcours.phrasing).toBe(templatePhrasing);
    expect(logs.text).toMatch(/"level":40.*OPENAI_MODEL is not set.*PHRASING=llm but no language model is configured/);
    await parcours.close();
  });

  it("says which Azure setting is missing", async () => {
    const { parcours, logs } = await parcoursWith({ PHRASING: "llm", AZURE_OPENAI_ENDPOINT: server.url, AZURE_OPENAI_API_KEY: "k" });
    expect(parcours.phrasing).toBe(templatePhrasing);
    expect(logs.text).toContain("Azure OpenAI needs AZURE_OPENAI_DEPLOYMENT, OPENAI_API_VERSION");
    await parcours.close();
  });

  it("phrases the bot's answers with a model, sending the facts and none of the user's words", async () => {
    server.reply(
      sentencesReply([
        {
          text: "A Learning Architect turns an organisation's training priorities into coherent learning programmes and acts as an in-house consultant to the business.",
          fact_ids: ["la.summary"],
        },
      ]),
    );
    const { parcours, logs } = await parcoursWith(fakeModelEnv(server));
    expect(parcours.phrasing).toBeInstanceOf(LlmPhrasing);
    expect(logs.text).toContain("phrasing: language model");
    expect(logs.text).toContain("phrase-answer.en@2");

    const reply = await parcours.bot.handleMessage({
      platform: "test",
      userId: "U0SECRETUSER",
      conversationId: "C0SECRET",
      text: "what does a Learning Architect do? my codeword is zebra-7731",
    });

    expect(reply?.blocks[1]).toEqual({
      type: "text",
      text: "A Learning Architect turns an organisation's training priorities into coherent learning programmes and acts as an in-house consultant to the business.",
    });
    expect(server.requests).toHaveLength(1);
    const raw = server.requests[0]!.raw;
    expect(raw).toContain(parcours.catalog.get("learning-architect").missions[0]!.text.en);
    for (const secret of ["zebra", "7731", "codeword", "what does", "U0SECRETUSER", "C0SECRET"]) expect(raw).not.toContain(secret);
    expect((parcours.phrasing as LlmPhrasing).stats.phrased).toBe(1);
    await parcours.close();
  });
});
