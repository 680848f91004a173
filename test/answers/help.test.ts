import { describe, expect, it } from "vitest";
import { toText } from "../../adapters/console/render-text.js";
import { answer } from "../../src/answers/answer.js";
import { CAPABILITIES } from "../../src/answers/capabilities.js";
import { LOCALES } from "../../src/catalog/schema.js";
import { messages } from "../../src/i18n/messages.js";
import { RuleBasedUnderstanding } from "../../src/understanding/rule-based-understanding.js";
import { CAPABILITY_KEYWORDS, capabilityOf } from "../capabilities.js";
import { shippedCatalog } from "../helpers.js";

describe("help", async () => {
  const catalog = await shippedCatalog();
  const understanding = new RuleBasedUnderstanding(catalog);

  it.each(LOCALES)("lists every capability in %s, each with phrases that start it, and who may where not everyone may", (locale) => {
    const m = messages(locale).help;
    const text = JSON.stringify(answer(catalog, { intent: "help", roles: [], locale }).blocks);
    for (const capability of CAPABILITIES) {
      const { title, say } = m.capabilities[capability];
      expect(text).toContain(title);
      expect(say.length).toBeGreaterThan(0);
      for (const phrase of say) {
        expect(text).toContain(JSON.stringify(m.quote(phrase)).slice(1, -1));
        expect(capabilityOf(understanding, phrase), `${locale}: "${phrase}"`).toBe(capability);
      }
    }
    // Surveys are for managers, announcements for the L&D admins: help says so.
    expect(m.capabilities.surveys.title).toMatch(/manager/i);
    expect(m.capabilities.announcements.title).toMatch(/admin/i);
  });

  it("names every capability in the words of the platforms' command lists, in English", () => {
    const text = toText(answer(catalog, { intent: "help", roles: [], locale: "en" })).text;
    for (const capability of CAPABILITIES) expect(text, capability).toMatch(CAPABILITY_KEYWORDS[capability]);
  });

  it("is what a greeting and the welcome show too, in the user's language", () => {
    for (const locale of LOCALES) {
      const greeted = answer(catalog, { intent: "greeting", roles: [], locale });
      expect(greeted.blocks[0]).toEqual({ type: "text", text: messages(locale).greeting });
      expect(greeted.blocks.slice(1)).toEqual(answer(catalog, { intent: "help", roles: [], locale }).blocks);
    }
  });
});
