import { describe, expect, it } from "vitest";
import { localeOf } from "../../../adapters/teams/to-incoming.js";

describe("localeOf", () => {
  it("reads the activity's locale, else the clientInfo entity's", () => {
    expect(localeOf({ locale: "fr-FR" })).toBe("fr");
    expect(localeOf({ locale: "en-GB" })).toBe("en");
    expect(localeOf({ entities: [{ type: "clientInfo", locale: "fr-CA" }] })).toBe("fr");
  });

  it("leaves a language Parcours does not speak to the text, even when it starts like one it does", () => {
    expect(localeOf({ locale: "frr-DE" })).toBeUndefined();
    expect(localeOf({ locale: "enm" })).toBeUndefined();
    expect(localeOf({ locale: "de-DE" })).toBeUndefined();
    expect(localeOf({})).toBeUndefined();
  });
});
