import { describe, expect, it } from "vitest";
import { messages } from "../../src/i18n/messages.js";
import { typesetFrench } from "../../src/i18n/french-typography.js";
import { shippedCatalog } from "../helpers.js";

/** A plain space where French wants a non-breaking one: before : ; ? ! », after «, before %. */
const LOOSE = / [:;?!»%]|« /;

/** Every string of a value, functions left out (their results pass through the same typesetting). */
function strings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => strings(item, path ? `${path}.${key}` : key));
  return [];
}

describe("French as French readers expect it", () => {
  it("puts non-breaking spaces before : ; ? ! », inside « », and between a number and %", () => {
    expect(typesetFrench("Prêt ? Oui : « 80 % » ; super !")).toBe("Prêt\u202F? Oui\u00A0: «\u00A080\u00A0%\u00A0»\u202F; super\u202F!");
    // Only spaces already there change: an address or a time is left as it is.
    expect(typesetFrench("https://example.org à 10:30")).toBe("https://example.org à 10:30");
  });

  it("is how every French message reads, what its functions return included", () => {
    const fr = messages("fr");
    expect(strings(fr).filter(([, text]) => LOOSE.test(text))).toEqual([]);
    expect(fr.assessment.progress(1, 8)).not.toMatch(LOOSE);
    expect(fr.labelled("Découverte", "Connaît les notions de base")).toBe("*Découverte*\u00A0: Connaît les notions de base");
  });

  it("is how every French text of the shipped catalogue reads", async () => {
    const catalog = await shippedCatalog();
    const french = catalog.roles().flatMap((role) => strings(role, role.id).filter(([path]) => /\.fr(?:\[\d+\])?$/.test(path)));
    expect(french.length).toBeGreaterThan(100);
    expect(french.filter(([path, text]) => LOOSE.test(text) && !/\.(?:aliases|lookalikes)\.fr/.test(path))).toEqual([]);
  });
});
