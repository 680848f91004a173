import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../../src/i18n/messages.js";
import { shippedCatalog } from "../../helpers.js";
import { REFUSALS, type SentActivity } from "./fake-bot-connector.js";
import { cardButtons, cardText, TeamsHarness } from "./teams-harness.js";

const BOT = "28:00000000-0000-4000-8000-0000000000b0";
const TENANT = "00000000-0000-4000-8000-0000000000c1";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const m = messages("en").assessment;

/** Each test speaks as its own user, so that one test's assessment does not wait in another's. */
const user = (n: number) => ({ id: `29:1FakeUserId${n}`, name: "Camille Martin", aadObjectId: `00000000-0000-4000-8000-00000000a10${n}` });

/** The `url` of every Adaptive Card Image in a sent message. */
function imageUrls(sent: SentActivity): string[] {
  const urls: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (record.type === "Image" && typeof record.url === "string") urls.push(record.url);
    Object.values(record).forEach(walk);
  };
  walk(sent.activity.attachments);
  return urls;
}

/** Posts an activity and returns the messages the bot sent for it. */
async function exchange(harness: TeamsHarness, activity: Record<string, unknown>): Promise<SentActivity[]> {
  const before = harness.connector.messages().length;
  expect((await harness.post(activity)).status).toBe(200);
  return harness.connector.messages().slice(before);
}

describe("self-assessment in Teams, over HTTP through CloudAdapter", () => {
  const harness = new TeamsHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it("runs a whole assessment in personal chat with card submits and typed answers, ending with the radar in the card", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const from = user(1);
    const personal = { conversationType: "personal", tenantId: TENANT, id: "a:assessment-personal-chat" };
    const say = (text: string) => exchange(harness, harness.activity("personal-message", { text, from, conversation: personal }));
    const press = (value: Record<string, string>) => exchange(harness, harness.activity("card-submit", { value, from, conversation: personal }));

    let sent = await say("assess me against learning architect");
    const typed = [["four", 4], ["2", 2], ["expert", 5]] as const;
    const expected: string[] = [];
    for (const [i, skill] of role.skills.entries()) {
      expect(sent).toHaveLength(1);
      expect(cardText(sent[0]!.activity)).toContain(`${i + 1}/${role.skills.length} · ${skill.name.en}`);
      if (i % 2 === 0) {
        const rate = cardButtons(sent[0]!.activity).find((b) => b.actionId === "assessment.rate" && b.label === "3");
        // The core encodes the skill and level in the value; the card carries it as it is.
        expect(rate?.value).toContain(skill.id);
        sent = await press({ actionId: rate!.actionId, value: rate!.value });
        expected.push(m.gapLine(skill.name.en, 3, skill.targetLevel));
      } else {
        const [text, level] = typed[((i - 1) / 2) % typed.length]!;
        sent = await say(text);
        expected.push(m.gapLine(skill.name.en, level, skill.targetLevel));
      }
    }

    expect(sent.every((s) => s.conversationId === personal.id)).toBe(true);
    const result = sent.map((s) => cardText(s.activity)).join("\n");
    expect(result).toContain(m.resultTitle(role.names.en));
    for (const line of expected) expect(result).toContain(line);
    const [chart, ...others] = sent.flatMap(imageUrls);
    expect(others).toEqual([]);
    expect(chart).toMatch(/^data:image\/png;base64,/);
    expect(Buffer.from(chart!.slice(chart!.indexOf(",") + 1), "base64").subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(harness.connector.created).toEqual([]);
  });

  it("moves an assessment started by @mention in a channel to the user's personal chat, leaving only a notice in the channel", async () => {
    const catalog = await shippedCatalog();
    const role = catalog.get("learning-architect");
    const from = user(2);
    const mention = harness.activity("channel-message-mention", { text: "<at>Parcours</at> assess me against learning architect\n", from });
    const channelThread = mention.conversation.id as string;

    const sent = await exchange(harness, mention);

    expect(harness.connector.created).toEqual([
      {
        id: expect.any(String),
        parameters: expect.objectContaining({ isGroup: false, bot: expect.objectContaining({ id: BOT }), members: [expect.objectContaining({ id: from.id })], tenantId: TENANT }),
      },
    ]);
    const personalId = harness.connector.created[0]!.id;
    const [question, ...more] = sent.filter((s) => s.conversationId === personalId);
    expect(more).toEqual([]);
    expect(cardText(question!.activity)).toContain(`1/${role.skills.length} · ${role.skills[0]!.name.en}`);
    expect(cardButtons(question!.activity).map((b) => b.actionId)).toContain("assessment.rate");

    const inChannel = sent.filter((s) => s.conversationId === channelThread);
    expect(inChannel.map((s) => s.activity.text)).toEqual([m.movedToPrivate]);
    expect(sent).toHaveLength(2);
    const descriptors = [...catalog.scale.levels.map((l) => l.descriptor.en), ...role.skills.flatMap((s) => [s.name.en, s.covers.en])];
    for (const { activity } of harness.connector.sent.filter((s) => s.conversationId.startsWith("19:"))) {
      expect(cardButtons(activity).filter((b) => b.actionId.startsWith("assessment."))).toEqual([]);
      for (const descriptor of descriptors) expect(cardText(activity)).not.toContain(descriptor);
    }

    expect(await harness.server.references.find(personalId)).toEqual(
      expect.objectContaining({
        serviceUrl: harness.connector.url,
        conversation: expect.objectContaining({ id: personalId, conversationType: "personal", tenantId: TENANT }),
        user: expect.objectContaining({ id: from.id }),
      }),
    );

    // The user answers in the personal chat, where the assessment goes on.
    const rate = cardButtons(question!.activity).find((b) => b.actionId === "assessment.rate")!;
    const next = await exchange(harness, harness.activity("card-submit", { value: { actionId: rate.actionId, value: rate.value }, from, conversation: { conversationType: "personal", tenantId: TENANT, id: personalId } }));
    expect(next.map((s) => s.conversationId)).toEqual([personalId]);
    expect(cardText(next[0]!.activity)).toContain(`2/${role.skills.length} · ${role.skills[1]!.name.en}`);
  });

  it("sends it to the personal chat already recorded for the user, opening none", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const from = user(5);
    const personalId = "a:assessment-recorded-personal-chat";
    await exchange(harness, harness.activity("personal-message", { from, conversation: { conversationType: "personal", tenantId: TENANT, id: personalId } }));
    const created = harness.connector.created.length;
    const mention = harness.activity("channel-message-mention", { text: "<at>Parcours</at> assess me against learning architect\n", from });

    const sent = await exchange(harness, mention);

    expect(harness.connector.created.length).toBe(created);
    expect(sent.map((s) => s.conversationId)).toEqual([personalId, mention.conversation.id]);
    expect(sent[0]!.replyToId).toBeUndefined();
    expect(cardText(sent[0]!.activity)).toContain(`1/${role.skills.length} · ${role.skills[0]!.name.en}`);
    expect(sent[1]!.activity.text).toBe(m.movedToPrivate);
  });

  it("posts nothing private when Teams refuses the personal chat, and logs no user id", async () => {
    const catalog = await shippedCatalog();
    const role = catalog.get("learning-architect");
    const from = user(3);
    harness.connector.refuse("create", REFUSALS.notInstalledForUser);
    try {
      const mention = harness.activity("channel-message-mention", { text: "<at>Parcours</at> assess me against learning architect\n", from });

      const sent = await exchange(harness, mention);

      expect(sent.map((s) => [s.conversationId, s.activity.text])).toEqual([[mention.conversation.id, m.privateUnavailable]]);
      expect(cardButtons(sent[0]!.activity)).toEqual([]);
      expect(cardText(sent[0]!.activity)).not.toContain(role.skills[0]!.name.en);
      const warning = harness.logs.chunks.map((line) => JSON.parse(line)).find((entry) => /personal chat unavailable/.test(entry.msg));
      expect(warning).toEqual(expect.objectContaining({ level: 40, conversationType: "channel", err: expect.objectContaining({ status: 403 }) }));
      expect(JSON.stringify(warning)).not.toMatch(new RegExp(`${from.id}|${from.aadObjectId}|${TENANT}`));
    } finally {
      harness.connector.accept();
    }
  });
});

describe("self-assessment in Teams, started in a channel and answered later than the turn allows", () => {
  const harness = new TeamsHarness({ turnBudgetMs: 50, coreDelayMs: 300 });
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it("still sends the question to the personal chat, and only the notice to the channel", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const mention = harness.activity("channel-message-mention", { text: "<at>Parcours</at> assess me against learning architect\n", from: user(4) });

    expect((await harness.post(mention)).status).toBe(200);
    const sent = await harness.connector.waitForMessages(2);

    const personalId = harness.connector.created[0]?.id;
    expect(sent.map((s) => s.conversationId).sort()).toEqual([mention.conversation.id, personalId].sort());
    expect(sent.find((s) => s.conversationId === mention.conversation.id)!.activity.text).toBe(m.movedToPrivate);
    expect(cardText(sent.find((s) => s.conversationId === personalId)!.activity)).toContain(`1/${role.skills.length} · ${role.skills[0]!.name.en}`);
  });
});
