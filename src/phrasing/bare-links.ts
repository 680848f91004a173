/*
 * The second pass of neutraliseLinks: what still looks like a link in plain text (a URL, a domain,
 * an address) is "defanged" with visible brackets, since Slack and Teams auto-link it:
 * "evil[.]example", "https[://]evil[.]example/path", "jane[@]evil[.]example",
 * "javascript[:]alert(1)", "[//]host/path". Brackets rather than an invisible U+2060 WORD JOINER:
 * linkifiers such as linkify-it count format characters (Cf) as letters of a host name, and IDNA
 * (UTS #46) then maps U+2060 to nothing, so "evil\u2060.example" can still become a working link to
 * evil.example; a bracket is punctuation, which no linkifier and no URL host parser accepts in a
 * host. The brackets also show the reader that the address was disarmed, and read the same in a
 * terminal.
 *
 * Deliberately greedy: any `label.label` whose last label has two letters or more and no digit is
 * taken for a domain (there is no list of top-level domains to fall behind), so "Node.js" reads
 * "Node[.]js"; a false alarm costs a bracket, a miss a clickable link. "e.g.", "i.e.", "etc.", "3.5"
 * and "L&D" are not domains.
 *
 * Linear time on any input: text is taken a word at a time, and no regular expression here can
 * backtrack over more than a bounded or disjoint stretch.
 */

import type { AllowedLinkSet, Piece } from "./link-syntax.js";

/** Full stops a URL host accepts: ASCII, and the ones IDNA maps to it (ideographic, full-width, halfwidth, small, one-dot leader). */
const DOTS = new Set([0x2e, 0x3002, 0xff0e, 0xff61, 0xfe52, 0x2024]);
/**
 * What a linkifier may take as part of a host name: anything but white space, punctuation and
 * control characters (linkify-it's "pseudo-letter"), plus the hyphen and underscore.
 */
const LABEL_CHAR = /^(?:[^\p{Z}\p{P}\p{Cc}\s<>|]|[-_])$/u;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{N}$/u;
const SCHEME_CHAR = /^[A-Za-z0-9+.-]$/;

/**
 * Schemes that open something without "//": an e-mail, a call, a script, an app. Any scheme
 * followed by a slash or a backslash counts as well, listed or not.
 */
const OPAQUE_SCHEMES = new Set([
  "mailto", "tel", "sms", "mms", "callto", "facetime", "facetime-audio", "skype", "sip", "sips", "xmpp", "im",
  "javascript", "vbscript", "livescript", "data", "file", "blob", "about", "view-source", "msteams", "slack",
  "zoommtg", "zoomus", "webcal", "magnet", "intent", "market", "itms", "itms-apps", "itms-services", "geo", "maps",
  "news", "nntp", "urn", "bitcoin", "irc", "ircs", "feed", "ftp", "sftp", "ssh", "telnet", "ldap", "chrome", "edge",
  "microsoft-edge", "shell", "search-ms",
]);

const isOpaqueScheme = (scheme: string) => OPAQUE_SCHEMES.has(scheme) || scheme.startsWith("ms-") || scheme.startsWith("web+");

/** Opening and closing punctuation around a link in a sentence ("(see https://…).", « https://… »). */
const OPENERS = new Set([..."([{<\"'«“‘‹"]);
const CLOSERS = new Set([...")]}>\"'»”’›"]);
const SENTENCE_END = new Set([...".,;:!?…"]);

const isLabelChar = (ch: string) => LABEL_CHAR.test(ch);

/** What this pass writes, left as it is when the text goes through again. */
const DEFANGED = ["[://]", "[//]", "[:]", "[.]", "[@]"];
const defangedAt = (word: string, k: number) => k >= 0 && DEFANGED.some((mark) => word.startsWith(mark, k));

/** The scheme just before a colon ("mailto" in "(mailto:x"), lower-cased; "" when there is none. */
function schemeBefore(word: string, colon: number): string {
  let k = colon;
  while (k > 0 && SCHEME_CHAR.test(word[k - 1]!)) k--;
  const scheme = word.slice(k, colon);
  return /^[A-Za-z]/.test(scheme) && !(k > 0 && word[k - 1] === "[") ? scheme.toLowerCase() : "";
}

/** A colon that ends a scheme: one followed by a slash or a backslash, or one of a listed scheme. */
function isSchemeColon(word: string, colon: number): boolean {
  const after = word[colon + 1];
  if (after === undefined || after === "]") return false;
  const scheme = schemeBefore(word, colon);
  if (!scheme) return false;
  return after === "/" || after === "\\" || isOpaqueScheme(scheme);
}

/**
 * Whether a word (no white space in it) holds a link: a scheme, a "//", a domain with a top-level
 * domain of two letters or more ("x.co", "acme-training.academy"), or an IPv4 address.
 */
export function holdsLink(word: string): boolean {
  for (let k = word.indexOf("//"); k >= 0; k = word.indexOf("//", k + 1)) {
    if (!defangedAt(word, k - 1) && !defangedAt(word, k - 2)) return true;
  }
  for (let k = word.indexOf(":"); k >= 0; k = word.indexOf(":", k + 1)) {
    if (isSchemeColon(word, k)) return true;
  }
  // Labels between dots: `previous` is the length of the label just before the last dot (0 when
  // there was none), `numeric` how many all-digit labels of 1 to 3 digits in a row precede it.
  let previous = 0;
  let numeric = 0;
  let length = 0;
  let letters = 0;
  let digits = 0;
  let start = 0;
  /** The label from `start` to `end` is over; whether it makes the word a domain or an IPv4 address. */
  const labelEnds = (end: number, byDot: boolean): boolean => {
    const hyphenated = word[start] === "-" || word[end - 1] === "-";
    const topLevel = !hyphenated && ((letters >= 2 && digits === 0) || word.slice(start, start + 4).toLowerCase() === "xn--");
    if (previous > 0 && length >= 2 && topLevel) return true;
    const number = length >= 1 && length <= 3 && digits === length;
    if (number && numeric >= 3) return true;
    numeric = byDot && number ? numeric + 1 : 0;
    previous = byDot ? length : 0;
    return false;
  };
  for (let k = 0; k < word.length; ) {
    const code = word.codePointAt(k)!;
    const ch = String.fromCodePoint(code);
    if (DOTS.has(code) || !isLabelChar(ch)) {
      if (labelEnds(k, DOTS.has(code))) return true;
      length = letters = digits = 0;
      start = k + ch.length;
    } else {
      length++;
      if (LETTER.test(ch)) letters++;
      else if (DIGIT.test(ch)) digits++;
    }
    k += ch.length;
  }
  return labelEnds(word.length, false);
}

/** The word with its link made unclickable: "[://]", "[//]", "[:]" after a scheme, "[.]" and "[@]" inside hosts. */
export function defang(word: string): string {
  const out: string[] = [];
  for (let k = 0; k < word.length; ) {
    const code = word.codePointAt(k)!;
    const ch = String.fromCodePoint(code);
    const mark = ch === "[" ? DEFANGED.find((m) => word.startsWith(m, k)) : undefined;
    if (mark) {
      out.push(mark);
      k += mark.length;
      continue;
    }
    const nextCode = word.codePointAt(k + ch.length);
    const next = nextCode === undefined ? "" : String.fromCodePoint(nextCode);
    if (ch === ":" && isSchemeColon(word, k)) {
      if (word.startsWith("//", k + 1)) {
        out.push("[://]");
        k += 3;
      } else {
        out.push("[:]");
        k += 1;
      }
      continue;
    }
    if (ch === "/" && next === "/") {
      out.push("[//]");
      k += 2;
      continue;
    }
    if ((DOTS.has(code) || ch === "@") && next && isLabelChar(next)) {
      out.push(ch === "@" ? "[@]" : "[.]");
      k += ch.length;
      continue;
    }
    out.push(ch);
    k += ch.length;
  }
  return out.join("");
}

/** Where the link a word carries may start and end, once the punctuation of the sentence around it is left out. */
function cores(word: string): { start: number; end: number }[] {
  let start = 0;
  while (start < word.length && OPENERS.has(word[start]!)) start++;
  let end = word.length;
  while (end > start && (SENTENCE_END.has(word[end - 1]!) || CLOSERS.has(word[end - 1]!))) end--;
  let sentenceEnd = word.length;
  while (sentenceEnd > start && SENTENCE_END.has(word[sentenceEnd - 1]!)) sentenceEnd--;
  return end === sentenceEnd ? [{ start, end }] : [{ start, end }, { start, end: sentenceEnd }];
}

/** Defangs every word of plain text that holds a link, except an allowed link, which is kept. */
export function withoutBareLinks(text: string, allowed: AllowedLinkSet): Piece[] {
  const pieces: Piece[] = [];
  let plain: string[] = [];
  let from = 0;
  for (const match of text.matchAll(/\S+/g)) {
    const word = match[0];
    const at = match.index;
    plain.push(text.slice(from, at));
    from = at + word.length;
    const kept = cores(word).find(({ start, end }) => allowed.has(word.slice(start, end)));
    if (kept) {
      plain.push(word.slice(0, kept.start));
      pieces.push({ text: plain.join(""), keep: false }, { text: word.slice(kept.start, kept.end), keep: true });
      plain = [word.slice(kept.end)];
      continue;
    }
    plain.push(holdsLink(word) ? defang(word) : word);
  }
  plain.push(text.slice(from));
  pieces.push({ text: plain.join(""), keep: false });
  return pieces;
}

/** The characters a link is made of, where a character reference or a markdown escape could hide them. */
const LINK_PUNCTUATION = new Set([0x2e, 0x3a, 0x2f, 0x40, 0x5c, ...DOTS]);
const NAMED_REFERENCES: Record<string, string> = { period: ".", colon: ":", sol: "/", commat: "@", bsol: "\\" };

/**
 * Teams' markdown turns "evil&#46;example" and "evil\.example" into "evil.example" once rendered,
 * out of sight of the checks here: those references and escapes are written out before either
 * pass, so that the link they spell is seen and disarmed. Other references and escapes are left as
 * they are.
 */
export function withLinkPunctuationSpelledOut(text: string): string {
  return text
    .replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(period|colon|sol|commat|bsol));/g, (reference, decimal?: string, hex?: string, name?: string) => {
      if (name) return NAMED_REFERENCES[name] ?? reference;
      const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? "", 16);
      return LINK_PUNCTUATION.has(code) ? String.fromCodePoint(code) : reference;
    })
    .replace(/\\(?=[.:/@。．｡﹒․])/g, "");
}

