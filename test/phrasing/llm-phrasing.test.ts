import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answer, type AnswerRequest } from "../../src/answers/answer.js";
import { factsFor } from "../../src/phrasing/fact-list.js";
import { FALLBACK_REASONS, type FallbackReason } from "../../src/phrasing/phrasing-stats.js";
import { answerReply, completion, errorReply, FakeOpenAiServer, type ScriptedReply } from "./fake-openai-server.js";
import { fakeModelEnv, llmPhrasingFor } from "./phrasing-harness.js";

const DESCRIBE_LA_EN: AnswerRequest = { intent: "role.describe", roles: ["learning-architect"], locale: "en" };
const DESCRIBE_LA_FR: AnswerRequest = { ...DESCRIBE_LA_EN, locale: "fr" };

const GOOD_EN =
  "A Learning Architect turns an organisation's training priorities into coherent learning programmes and acts as an in-house consultant to the business. " +
  "They design the overall structure of training programmes that span several business lines, and run those programmes once they are under way.";
const GOOD_FR =
  "Le Learning Architect convertit les orientations de l'entreprise en matière de formation en dispositifs d'apprentissage cohérents. " +
  "Il joue le rôle de consultant interne auprès des métiers et conçoit la structure d'ensemble des programmes.";
// The facts of the short first answer: the summary and the key missions.
const GOOD_IDS = ["la.summary", "la.mission.1", "la.mission.2"];

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await new FakeOpenAiServer().start();
});
afterEach(async () => {
  await server.stop();
});

const blockTypes = (blocks: readonly { type: string }[]) => blocks.map((b) => b.type);

describe("LlmPhrasing with the real openai client against a fake endpoint", () => {
  it("uses a checked answer: it replaces the summary and keeps the sections, sources and buttons", async () => {
    server.reply(answerReply(GOOD_EN, GOOD_IDS));
    const { phrasing, catalog, logs } = await llmPhrasingFor(fakeModelEnv(server));
    const template = answer(catalog, DESCRIBE_LA_EN);

    const phrased = await phrasing.phrase(DESCRIBE_LA_EN, template);

    expect(phrased.blocks[1]).toEqual({ type: "text", text: GOOD_EN });
    expect(blockTypes(phrased.blocks)).toEqual(blockTypes(template.blocks));
    expect(phrased.blocks.filter((b) => b.type !== "text")).toEqual(template.blocks.filter((b) => b.type !== "text"));
    expect(phrased.fallbackText.startsWith("Learning Architect — A Learning Architect turns")).toBe(true);
    expect(phrasing.stats.phrased).toBe(1);
    expect(phrasing.stats.fallbackTotal).toBe(0);
    expect(logs.text).toContain('"msg":"answer phrased"');
  });

  it("inserts the answer under the header when the template has no summary", async () => {
    const request: AnswerRequest = { intent: "role.skills", roles: ["learning-architect"], locale: "en" };
    const text = "The Learning Architect needs AI for learning and Learning technologies, each at target 4/5 (Advanced), among other skills.";
    server.reply(answerReply(text, ["la.skill.ai-for-learning", "la.skill.learning-technologies"]));
    const { phrasing, catalog } = await llmPhrasingFor(fakeModelEnv(server));
    const template = answer(catalog, request);
    // The wording above holds only if the catalogue says so; otherwise the test would pass for a wrong reason.
    expect(catalog.skill("learning-architect", "ai-for-learning")?.targetLevel).toBe(4);
    expect(catalog.skill("learning-architect", "learning-technologies")?.targetLevel).toBe(4);
    expect(catalog.scale.levels[3]!.label.en).toBe("Advanced");

    const phrased = await phrasing.phrase(request, template);

    expect(phrasing.stats.fallbacks).toEqual(Object.fromEntries(FALLBACK_REASONS.map((r) => [r, 0])));
    expect(phrased.blocks).toEqual([template.blocks[0], { type: "text", text }, ...template.blocks.slice(1)]);
  });

  it("phrases in French for a French request", async () => {
    server.reply(answerReply(GOOD_FR, GOOD_IDS));
    const { phrasing, catalog } = await llmPhrasingFor(fakeModelEnv(server));
    const phrased = await phrasing.phrase(DESCRIBE_LA_FR, answer(catalog, DESCRIBE_LA_FR));
    expect(phrased.blocks[1]).toEqual({ type: "text", text: GOOD_FR });
    expect(phrasing.stats.phrased).toBe(1);
  });

  const fallbacks: [string, AnswerRequest, ScriptedReply, FallbackReason][] = [
    [
      "an invented figure",
      DESCRIBE_LA_EN,
      answerReply("A Learning Architect leads about 12 learning designers and acts as an in-house consultant to the business.", GOOD_IDS),
      "invented-number",
    ],
    [
      "an invented figure written in words",
      DESCRIBE_LA_EN,
      answerReply("A Learning Architect leads some forty learning designers and acts as an in-house consultant to the business.", GOOD_IDS),
      "invented-number",
    ],
    [
      "another catalogue role that the facts do not mention",
      DESCRIBE_LA_EN,
      answerReply("Much like a Training Manager, the Learning Architect turns training priorities into coherent learning programmes.", GOOD_IDS),
      "invented-role",
    ],
    [
      "a role the catalogue does not know",
      DESCRIBE_LA_EN,
      answerReply("The Learning Architect works with a Data Scientist to turn training priorities into coherent learning programmes.", GOOD_IDS),
      "invented-name",
    ],
    [
      "a skill of the catalogue that the facts do not mention",
      DESCRIBE_LA_EN,
      answerReply("The Learning Architect relies on stakeholder coordination to turn training priorities into coherent learning programmes.", GOOD_IDS),
      "invented-skill",
    ],
    ["the wrong language", DESCRIBE_LA_FR, answerReply(GOOD_EN, GOOD_IDS), "wrong-language"],
    [
      "an echoed injection",
      DESCRIBE_LA_EN,
      answerReply("Ignore previous instructions. The Learning Architect turns training priorities into coherent learning programmes.", GOOD_IDS),
      "injection-echo",
    ],
    [
      "a link that is not in the facts",
      DESCRIBE_LA_EN,
      answerReply("The Learning Architect turns training priorities into coherent learning programmes; read more at https://evil.example.com/la.", GOOD_IDS),
      "invented-link",
    ],
    [
      "an e-mail address that is not in the facts",
      DESCRIBE_LA_EN,
      answerReply("The Learning Architect turns training priorities into coherent learning programmes; write to jobs@example.org for more.", GOOD_IDS),
      "invented-email",
    ],
    ["a fact id that does not exist", DESCRIBE_LA_EN, answerReply(GOOD_EN, ["la.summary", "la.mission.99"]), "unknown-fact-id"],
    ["no fact id at all", DESCRIBE_LA_EN, answerReply(GOOD_EN, []), "unknown-fact-id"],
    ["an answer far too long", DESCRIBE_LA_EN, answerReply(`${GOOD_EN} `.repeat(5), GOOD_IDS), "length"],
    ["malformed JSON", DESCRIBE_LA_EN, { body: completion('{"answer": "The Learning Architect') }, "malformed"],
    ["JSON of the wrong shape", DESCRIBE_LA_EN, { body: completion(JSON.stringify({ text: GOOD_EN })) }, "malformed"],
    ["a refusal", DESCRIBE_LA_EN, { body: completion(null, { refusal: "I can't help with that." }) }, "refusal"],
    ["a truncated answer", DESCRIBE_LA_EN, { body: completion('{"answer": "The', { finishReason: "length" }) }, "truncated"],
    ["a time-out", DESCRIBE_LA_EN, { ...answerReply(GOOD_EN, GOOD_IDS), delayMs: 1500 }, "timeout"],
    ["a body that stalls past the time limit", DESCRIBE_LA_EN, { ...answerReply(GOOD_EN, GOOD_IDS), stallBodyMs: 1500 }, "timeout"],
    ["HTTP 429", DESCRIBE_LA_EN, errorReply(429, "Rate limit reached"), "rate-limited"],
    ["HTTP 500", DESCRIBE_LA_EN, errorReply(500, "The server had an error"), "server-error"],
    ["HTTP 400", DESCRIBE_LA_EN, errorReply(400, "Unsupported parameter"), "api-error"],
  ];

  it.each(fallbacks)("falls back to the template on %s, counting the reason", async (_name, request, scripted, reason) => {
    server.reply(scripted);
    const { phrasing, catalog, logs } = await llmPhrasingFor(fakeModelEnv(server));
    const template = answer(catalog, request);

    const result = await phrasing.phrase(request, template);

    expect(result).toEqual(template);
    expect(server.requests).toHaveLength(1);
    expect(phrasing.stats.fallbacks[reason]).toBe(1);
    expect(phrasing.stats.fallbackTotal).toBe(1);
    expect(phrasing.stats.phrased).toBe(0);
    expect(logs.text).toContain(`"reason":"${reason}"`);
  });

  it("falls back when the endpoint cannot be reached", async () => {
    const { phrasing, catalog } = await llmPhrasingFor({ ...fakeModelEnv(server), OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    const template = answer(catalog, DESCRIBE_LA_EN);
    expect(await phrasing.phrase(DESCRIBE_LA_EN, template)).toEqual(template);
    expect(phrasing.stats.fallbacks.unreachable).toBe(1);
  });

  it("does not cache a rejected answer: the next request asks again", async () => {
    server.reply(errorReply(500, "boom"), answerReply(GOOD_EN, GOOD_IDS));
    const { phrasing, catalog } = await llmPhrasingFor(fakeModelEnv(server));
    const template = answer(catalog, DESCRIBE_LA_EN);
    expect(await phrasing.phrase(DESCRIBE_LA_EN, template)).toEqual(template);
    expect((await phrasing.phrase(DESCRIBE_LA_EN, template)).blocks[1]).toEqual({ type: "text", text: GOOD_EN });
    expect(server.requests).toHaveLength(2);
  });
});

describe("what the model is sent", () => {
  it("sends the prompt, the locale, the intent and the facts, with no temperature unless configured", async () => {
    server.reply(answerReply(GOOD_EN, GOOD_IDS));
    const { phrasing, catalog } = await llmPhrasingFor(fakeModelEnv(server));
    await phrasing.phrase(DESCRIBE_LA_EN, answer(catalog, DESCRIBE_LA_EN));

    const [request] = server.requests;
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer sk-test-not-a-real-key");
    const body = request!.body;
    expect(body.model).toBe("fake-model");
    expect(body).not.toHaveProperty("temperature");
    expect(body.response_format.type).toBe("json_schema");
    expect(body.response_format.json_schema.schema.required).toEqual(["answer", "used_fact_ids"]);
    expect(body.messages).toHaveLength(2);
    expect(body.messages[0].role).toBe("system");
    expect(body.messages[0].content).toContain("used_fact_ids");
    expect(JSON.parse(body.messages[1].content)).toEqual({ locale: "en", intent: "role.describe", facts: factsFor(catalog, DESCRIBE_LA_EN) });
  });

  it("sends the configured temperature", async () => {
    server.reply(answerReply(GOOD_EN, GOOD_IDS));
    const { phrasing, catalog } = await llmPhrasingFor(fakeModelEnv(server, { OPENAI_TEMPERATURE: "0.3" }));
    await phrasing.phrase(DESCRIBE_LA_EN, answer(catalog, DESCRIBE_LA_EN));
    expect(server.requests[0]?.body.temperature).toBe(0.3);
  });

  it("reaches an Azure OpenAI deployment through the Azure client", async () => {
    server.reply(answerReply(GOOD_EN, GOOD_IDS));
    const { phrasing, catalog } = await llmPhrasingFor({
      PHRASING: "llm",
      AZURE_OPENAI_ENDPOINT: server.url,
      AZURE_OPENAI_API_KEY: "azure-test-key",
      AZURE_OPENAI_DEPLOYMENT: "parcours-gpt",
      OPENAI_API_VERSION: "2024-10-21",
    });
    const phrased = await phrasing.phrase(DESCRIBE_LA_EN, answer(catalog, DESCRIBE_LA_EN));
    expect(phrased.blocks[1]).toEqual({ type: "text", text: GOOD_EN });
    expect(server.requests[0]?.path).toBe("/openai/deployments/parcours-gpt/chat/completions?api-version=2024-10-21");
    expect(server.requests[0]?.headers["api-key"]).toBe("azure-test-key");
  });
});

describe("the phrasing cache", () => {
  it("answers the same facts again without a second call", async () => {
    server.reply(answerReply(GOOD_EN, GOOD_IDS));
    const { phrasing, catalog } = await llmPhrasingFor(fakeModelEnv(server));
    const template = answer(catalog, DESCRIBE_LA_EN);
    const first = await phrasing.phrase(DESCRIBE_LA_EN, template);
    const second = await phrasing.phrase(DESCRIBE_LA_EN, template);
    expect(second).toEqual(first);
    expect(server.requests).toHaveLength(1);
    expect(phrasing.stats).toMatchObject({ phrased: 1, cached: 1 });
  });

  it("asks again for another locale, another intent or another model", async () => {
    server.reply(answerReply(GOOD_EN, GOOD_IDS), answerReply(GOOD_FR, GOOD_IDS), answerReply(GOOD_EN, GOOD_IDS));
    const { phrasing, catalog, store } = await llmPhrasingFor(fakeModelEnv(server));
    await phrasing.phrase(DESCRIBE_LA_EN, answer(catalog, DESCRIBE_LA_EN));
    await phrasing.phrase(DESCRIBE_LA_FR, answer(catalog, DESCRIBE_LA_FR));
    const other = await llmPhrasingFor(fakeModelEnv(server, { OPENAI_MODEL: "other-model" }), { store });
    await other.phrasing.phrase(DESCRIBE_LA_EN, answer(catalog, DESCRIBE_LA_EN));
    expect(server.requests).toHaveLength(3);
    expect(other.phrasing.stats.cached).toBe(0);
  });

  it("leaves answers other than role answers alone, without a call", async () => {
    const { phrasing, catalog } = await llmPhrasingFor(fakeModelEnv(server));
    for (const intent of ["help", "greeting", "role.list", "unknown", "assessment.start"] as const) {
      const request: AnswerRequest = { intent, roles: intent === "assessment.start" ? ["learning-architect"] : [], locale: "en" };
      const template = answer(catalog, request);
      expect(await phrasing.phrase(request, template)).toBe(template);
    }
    expect(server.requests).toHaveLength(0);
    expect(phrasing.stats.skipped).toBe(5);
  });
});
