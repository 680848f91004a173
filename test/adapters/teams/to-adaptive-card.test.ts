import { describe, expect, it } from "vitest";
import { chartPictures, INLINE_IMAGE_MAX_CHARS } from "../../../adapters/teams/chart-image.js";
import { CARD_BUDGET_UTF16_BYTES, toAdaptiveCards, toTeamsMessages, type AdaptiveCard, type TeamsCardMessage, type TeamsMessage } from "../../../adapters/teams/to-adaptive-card.js";
import { reply, type Reply } from "../../../src/answers/reply.js";
import { shippedCatalog } from "../../helpers.js";

const utf16 = (value: unknown) => JSON.stringify(value).length * 2;
const actions = (card: AdaptiveCard) => card.body.filter((e) => e.type === "ActionSet").flatMap((e) => e.actions as Record<string, any>[]);
const images = (card: AdaptiveCard) => card.body.filter((e) => e.type === "Image") as { url: string; altText: string }[];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngOf = (dataUri: string) => Buffer.from(dataUri.replace(/^data:image\/png;base64,/, ""), "base64");
/** For replies without charts: nothing to draw beforehand. */
const NO_CHARTS = new Map();
/** The cards of a reply with charts, drawn first as the outbound ports draw them. */
const chartCards = async (withCharts: Reply) => toAdaptiveCards(withCharts, await chartPictures(withCharts));

/** The messages, each checked to be a card message. */
function cardMessages(messages: TeamsMessage[]): TeamsCardMessage[] {
  return messages.map((message) => {
    if (!("attachments" in message)) throw new Error(`expected a card, got the text message ${JSON.stringify(message)}`);
    return message;
  });
}

describe("toAdaptiveCards", () => {
  it("renders schema 1.5 with the reply's fallback text", () => {
    const [card, ...rest] = toAdaptiveCards(reply([{ type: "header", text: "Learning Architect" }, { type: "text", text: "Designs *learning* paths." }]), NO_CHARTS);
    expect(rest).toEqual([]);
    expect(card).toEqual(expect.objectContaining({ type: "AdaptiveCard", version: "1.5", $schema: "http://adaptivecards.io/schemas/adaptive-card.json" }));
    expect(card!.fallbackText).toBe("Learning Architect — Designs *learning* paths.");
    expect(card!.body[0]).toEqual(expect.objectContaining({ type: "TextBlock", text: "Learning Architect", weight: "Bolder", wrap: true }));
    expect(card!.body[1]).toEqual(expect.objectContaining({ type: "TextBlock", text: "Designs **learning** paths." }));
  });

  it("renders buttons as Action.Submit carrying exactly the action id and value", () => {
    const [card] = toAdaptiveCards(
      reply([{ type: "buttons", buttons: [{ label: "Skills", actionId: "role.skills", value: "learning-architect", style: "primary" }, { label: "Path", actionId: "role.path", value: "learning-architect" }] }]),
      NO_CHARTS,
    );
    expect(actions(card!)).toEqual([
      { type: "Action.Submit", title: "Skills", data: { actionId: "role.skills", value: "learning-architect" }, style: "positive" },
      { type: "Action.Submit", title: "Path", data: { actionId: "role.path", value: "learning-architect" } },
    ]);
  });

  it("renders choices as buttons of the choice's action, and splits long rows", () => {
    const options = Array.from({ length: 12 }, (_, i) => ({ label: `Option ${i}`, value: String(i) }));
    const [card] = toAdaptiveCards(reply([{ type: "choices", prompt: "Pick one", actionId: "survey.answer", options }]), NO_CHARTS);
    expect(card!.body.filter((e) => e.type === "ActionSet")).toHaveLength(3);
    expect(actions(card!).map((a) => a.data)).toEqual(options.map((o) => ({ actionId: "survey.answer", value: o.value })));
  });

  it("renders fields as facts, a chart as an inline PNG, sources, an image and a divider", async () => {
    const [card] = await chartCards(
      reply([
        { type: "fields", fields: [{ label: "Level", value: "Expert" }] },
        { type: "divider" },
        { type: "chart", title: "Skills", series: [{ label: "Design", value: 3, target: 4 }, { label: "Facilitation", value: 2 }], max: 5 },
        { type: "image", url: "https://example.org/map.png", alt: "Career map" },
        { type: "sources", heading: "Sources:", items: ["Learn Assembly", "France Travail"] },
      ]),
    );
    const [facts, chartTitle, chart, image, sources] = card!.body;
    expect(facts).toEqual({ type: "FactSet", facts: [{ title: "Level", value: "Expert" }] });
    expect(chartTitle).toEqual(expect.objectContaining({ text: "Skills", separator: true }));
    expect(chart).toEqual({ type: "Image", url: expect.stringMatching(/^data:image\/png;base64,/), altText: "Skills: Design (3/4), Facilitation (2)" });
    expect(pngOf((chart as { url: string }).url).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(image).toEqual({ type: "Image", url: "https://example.org/map.png", altText: "Career map" });
    expect(sources).toEqual(expect.objectContaining({ type: "TextBlock", text: "📚 Learn Assembly · France Travail" }));
  });

  it("inlines the radar of every shipped role, in both languages, skills left unrated included", async () => {
    const catalog = await shippedCatalog();
    for (const role of catalog.roles()) {
      for (const locale of ["fr", "en"] as const) {
        const series = role.skills.map((s, i) => ({ label: s.name[locale], value: i % 3 === 1 ? null : (i % 5) + 1, target: s.targetLevel }));
        const [card] = await chartCards(reply([{ type: "chart", title: role.names[locale], series, max: 5, valueLabel: "You", targetLabel: "Target" }]));
        expect(images(card!), `${role.id} (${locale})`).toHaveLength(1);
      }
    }
  });

  it("falls back to text bars when the radar is too large to travel in the message", async () => {
    const series = Array.from({ length: 40 }, (_, i) => ({ label: `Compétence numéro ${i} au nom très long`, value: i % 6, target: 4 }));
    const [card] = await chartCards(reply([{ type: "chart", title: "Skills", series, max: 5 }]));
    expect(images(card!)).toEqual([]);
    const [title, ...bars] = card!.body;
    expect(title).toEqual(expect.objectContaining({ type: "TextBlock", text: "Skills" }));
    expect(bars.every((e) => e.type === "FactSet")).toBe(true);
    expect(bars.flatMap((e) => e.facts as { title: string; value: string }[])[3]).toEqual({ title: "Compétence numéro 3 au nom très long", value: "██████░░░░ 3/4" });
    expect(utf16(card)).toBeLessThan(CARD_BUDGET_UTF16_BYTES);
  });

  it("keeps a chart's card within the budget next to a long reply, the image capped on its own", async () => {
    const paragraph = "Ça dépend « du contexte » — ".repeat(300);
    const series = Array.from({ length: 8 }, (_, i) => ({ label: `Skill ${i}`, value: (i % 5) + 1, target: 4 }));
    const blocks = [
      ...Array.from({ length: 6 }, (_, i) => ({ type: "section" as const, title: `Part ${i}`, text: paragraph })),
      { type: "chart" as const, title: "Radar", series, max: 5 },
      { type: "chart" as const, title: "Radar again", series, max: 5 },
    ];
    const withCharts = reply(blocks);
    const messages = cardMessages(toTeamsMessages(withCharts, await chartPictures(withCharts)));

    expect(messages.flatMap((m) => images(m.attachments[0].content))).toHaveLength(2);
    for (const message of messages) {
      const card = message.attachments[0].content;
      const imageChars = images(card).reduce((sum, image) => sum + image.url.length, 0);
      // Teams counts the message without its base64 images; the images stay under their own cap.
      expect(utf16(message) - 2 * imageChars).toBeLessThan(CARD_BUDGET_UTF16_BYTES + 2_000);
      expect(imageChars).toBeLessThanOrEqual(INLINE_IMAGE_MAX_CHARS);
      expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(100_000);
    }
  });

  it("shows a non-HTTPS image as text, since Teams would not load it", () => {
    const [card] = toAdaptiveCards(reply([{ type: "image", url: "http://intranet/map.png", alt: "Career map" }]), NO_CHARTS);
    expect(card!.body).toEqual([expect.objectContaining({ type: "TextBlock", text: "Career map: http://intranet/map.png" })]);
  });

  it("keeps a huge reply well under Teams' 100 KB by splitting and shortening, never failing", () => {
    const paragraph = "Ça dépend « du contexte » — ".repeat(400);
    const huge = reply([
      { type: "header", text: "H".repeat(5_000) },
      ...Array.from({ length: 60 }, (_, i) => ({ type: "section" as const, title: `Part ${i}`, text: paragraph })),
      { type: "fields", fields: Array.from({ length: 200 }, (_, i) => ({ label: `Field ${i}`, value: "v".repeat(3_000) })) },
      { type: "buttons", buttons: Array.from({ length: 40 }, (_, i) => ({ label: "L".repeat(200), actionId: "role.describe", value: "x".repeat(2_000 - i) })) },
    ]);
    expect(utf16(huge)).toBeGreaterThan(1_000_000);

    const messages = cardMessages(toTeamsMessages(huge, NO_CHARTS));

    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(5);
    for (const message of messages) {
      expect(utf16(message)).toBeLessThan(CARD_BUDGET_UTF16_BYTES + 2_000);
      expect(utf16(message)).toBeLessThan(100_000);
      expect(message.attachments[0].content.version).toBe("1.5");
    }
    expect((messages[0]!.attachments[0].content.body[0] as { text: string }).text.length).toBeLessThanOrEqual(500);
  });

  it("ends the fifth card with a cut mark when the reply needed more, and only then", () => {
    const section = (i: number) => ({ type: "section" as const, title: `Part ${i}`, text: "Ça dépend « du contexte » — ".repeat(200) });
    const long = toAdaptiveCards(reply(Array.from({ length: 40 }, (_, i) => section(i))), NO_CHARTS);
    expect(long).toHaveLength(5);
    expect(long.at(-1)!.body.at(-1)).toEqual(expect.objectContaining({ type: "TextBlock", text: "…" }));
    expect(utf16(long.at(-1))).toBeLessThan(CARD_BUDGET_UTF16_BYTES);
    expect(long.slice(0, 4).flatMap((card) => card.body).filter((e) => e.text === "…")).toEqual([]);

    const fits = toAdaptiveCards(reply(Array.from({ length: 3 }, (_, i) => section(i))), NO_CHARTS);
    expect(fits.flatMap((card) => card.body).filter((e) => e.text === "…")).toEqual([]);
  });

  it("shortens a label without cutting an emoji in half", () => {
    const [card] = toAdaptiveCards(reply([{ type: "buttons", buttons: [{ label: `${"a".repeat(78)}🎓🎓🎓`, actionId: "help", value: "" }] }]), NO_CHARTS);
    const [button] = actions(card!);
    expect(button!.title.isWellFormed()).toBe(true);
    expect(button!.title).toBe(`${"a".repeat(78)}…`);
  });

  it("still renders a reply with no blocks, from its fallback text", () => {
    const [card] = toAdaptiveCards({ fallbackText: "Nothing to show", blocks: [], private: false }, NO_CHARTS);
    expect(card!.body).toEqual([expect.objectContaining({ type: "TextBlock", text: "Nothing to show" })]);
  });
});

describe("toTeamsMessages", () => {
  it("sends a reply of one paragraph as a plain chat message, with bold as Teams' markdown", () => {
    expect(toTeamsMessages(reply([{ type: "text", text: "I've sent you a *private* message." }]), NO_CHARTS)).toEqual([
      { type: "message", text: "I've sent you a **private** message.", textFormat: "markdown" },
    ]);
  });

  it("sends anything more than one paragraph as cards, with the fallback as the notification summary", () => {
    const withButton = reply([{ type: "text", text: "Pick one" }, { type: "buttons", buttons: [{ label: "Help", actionId: "help", value: "" }] }]);
    const [message, ...rest] = cardMessages(toTeamsMessages(withButton, NO_CHARTS));
    expect(rest).toEqual([]);
    expect(message!.summary).toBe(withButton.fallbackText);
    expect(message!.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardMessages(toTeamsMessages(reply([{ type: "header", text: "Title" }]), NO_CHARTS))).toHaveLength(1);
  });
});
