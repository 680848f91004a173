import { describe, expect, it } from "vitest";
import { renderEmphasis, shorten, withoutEmphasis } from "../../src/answers/format.js";

describe("reply text helpers shared by every renderer", () => {
  it("drop or render the *bold* markup, leaving lone asterisks alone", () => {
    expect(withoutEmphasis("*Skills*, target 4/5")).toBe("Skills, target 4/5");
    expect(renderEmphasis("a *b* c", (inner) => `**${inner}**`)).toBe("a **b** c");
    expect(withoutEmphasis("5 * 3")).toBe("5 * 3");
  });

  it("shorten with an ellipsis, never splitting an emoji", () => {
    expect(shorten("abcdef", 10)).toBe("abcdef");
    expect(shorten("abc def ghi", 5)).toBe("abc…");
    expect(shorten("ab😀cd", 4)).toBe("ab…");
  });
});
