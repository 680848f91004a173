import { describe, expect, it } from "vitest";
import { LOCALES } from "../../src/catalog/schema.js";
import { factsFor, PHRASED_INTENTS, type Fact } from "../../src/phrasing/fact-list.js";
import { catalogueWordsOf, publishersOf, SLOT_TOKEN, SlottedFacts } from "../../src/phrasing/fact-slots.js";
import { shippedCatalog } from "../helpers.js";

const catalog = await shippedCatalog();
const slot = (facts: readonly Fact[]) => new SlottedFacts(facts, catalogueWordsOf(catalog), publishersOf(catalog));
const values = (slotted: SlottedFacts) => [...slotted.slots.values()].map(({ token, kind, value, factId }) => ({ token, kind, value, factId }));

describe("slotted facts", () => {
  it("hide figures in digits and in words, names and links behind numbered slots, and fill them back", () => {
    const text = "Close to four in five of the 40 managers (80%) surveyed by Learn Assembly in 2016 answered; see https://example.org/study or write to study@example.org.";
    const slotted = slot([{ id: "dlm.profile.9", text }]);

    expect(slotted.facts).toEqual([
      {
        id: "dlm.profile.9",
        text: "Close to [[dlm.profile.9#1]] of the [[dlm.profile.9#2]] managers ([[dlm.profile.9#3]]) surveyed by [[dlm.profile.9#4]] in [[dlm.profile.9#5]] answered; see [[dlm.profile.9#6]] or write to [[dlm.profile.9#7]].",
        words: expect.any(String),
      },
    ]);
    expect(values(slotted)).toEqual([
      { token: "[[dlm.profile.9#1]]", kind: "figure", value: "four in five", factId: "dlm.profile.9" },
      { token: "[[dlm.profile.9#2]]", kind: "figure", value: "40", factId: "dlm.profile.9" },
      { token: "[[dlm.profile.9#3]]", kind: "figure", value: "80%", factId: "dlm.profile.9" },
      { token: "[[dlm.profile.9#4]]", kind: "name", value: "Learn Assembly", factId: "dlm.profile.9" },
      { token: "[[dlm.profile.9#5]]", kind: "figure", value: "2016", factId: "dlm.profile.9" },
      { token: "[[dlm.profile.9#6]]", kind: "link", value: "https://example.org/study", factId: "dlm.profile.9" },
      { token: "[[dlm.profile.9#7]]", kind: "link", value: "study@example.org", factId: "dlm.profile.9" },
    ]);
    expect(slotted.links).toEqual(["https://example.org/study", "study@example.org"]);
    expect(slotted.fill(slotted.facts[0]!.text)).toBe(text);
    // What a sentence citing the fact may restate: its words, not its values.
    expect(slotted.facts[0]!.words).not.toMatch(/four|five|40|80|learn|assembly|2016|example/);
    expect(slotted.facts[0]!.words).toContain("surveyed by");
  });

  it("slot French number words and a capitalised name mid-sentence, not the catalogue's role names nor a sentence's first word", () => {
    const text = "Une étude de Marie Dupont montre que trois Learning Architect sur quatre travaillent avec un responsable formation.";
    const slotted = slot([{ id: "la.outlook.1", text }]);
    expect(slotted.facts[0]!.text).toBe("Une étude de [[la.outlook.1#1]] montre que [[la.outlook.1#2]] Learning Architect sur [[la.outlook.1#3]] travaillent avec un responsable formation.");
    expect(values(slotted).map((s) => [s.kind, s.value])).toEqual([
      ["name", "Marie Dupont"],
      ["figure", "trois"],
      ["figure", "quatre"],
    ]);
    expect(slotted.fill(slotted.facts[0]!.text)).toBe(text);
  });

  it("slot a name that follows a capitalised first word (« Selon Marie Dupont »)", () => {
    expect(slot([{ id: "la.outlook.1", text: "Selon Marie Dupont, le métier évolue." }]).facts[0]!.text).toBe("Selon [[la.outlook.1#1]], le métier évolue.");
  });

  it("leave a role's name in the plural as it is (“Learning Architects”), not slot it as a name", () => {
    expect(slot([{ id: "la.profile.none", text: "The catalogue holds no figures on Learning Architects yet." }]).slots.size).toBe(0);
  });

  it("number slots per fact, and fill what a sentence places, wherever it places it", () => {
    const slotted = slot([
      { id: "a.one", text: "Around 40 answered." },
      { id: "b.two", text: "Around 75% are under forty." },
    ]);
    expect(slotted.facts.map((f) => f.text)).toEqual(["Around [[a.one#1]] answered.", "Around [[b.two#1]] are under [[b.two#2]]."]);
    expect(slotted.fill("[[b.two#1]] of them, under [[b.two#2]]; [[a.one#1]] in all.")).toBe("75% of them, under forty; 40 in all.");
    // An unknown slot stays as written: the checks reject it, the fill does not guess.
    expect(slotted.fill("Around [[a.one#2]] answered.")).toBe("Around [[a.one#2]] answered.");
  });

  const requests = catalog.roles().flatMap((role) =>
    [...PHRASED_INTENTS].flatMap((intent) =>
      LOCALES.map((locale) => ({ intent, locale, roles: intent === "role.compare" || intent === "role.path" ? [role.id, role.related[0]!] : [role.id] })),
    ),
  );

  it.each(requests)("$intent $roles $locale: the model reads no figure or publisher, and the fill gives back every fact", (request) => {
    const facts = factsFor(catalog, request) ?? [];
    const slotted = slot(facts);
    slotted.facts.forEach((fact, i) => {
      const bare = fact.text.replace(SLOT_TOKEN, " ");
      expect(bare, fact.id).not.toMatch(/\d/);
      for (const publisher of publishersOf(catalog)) expect(bare, fact.id).not.toContain(publisher);
      expect(slotted.fill(fact.text)).toBe(facts[i]!.text);
    });
  });
});

describe("the catalogue's names", () => {
  it("include the roles', skills' and levels' names in both languages, and the publishers it cites", () => {
    const words = catalogueWordsOf(catalog);
    for (const name of ["learning architect", "architecte pedagogique", "ai for learning", "advanced", "maitrise"]) expect(words).toContain(name);
    expect(publishersOf(catalog)).toContain("Learn Assembly");
  });
});
