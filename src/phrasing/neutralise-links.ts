/*
 * Phrased text is written by a language model, so every link in it is suspect except the ones the
 * facts themselves carry. This makes every other link-like thing unclickable on Slack (mrkdwn, which
 * auto-links bare URLs, domains and addresses) and Teams (card markdown: `[label](url)` and
 * auto-linking), while keeping it readable.
 *
 * How a link is disarmed: the link syntax is dropped (`[label](target)` becomes "label (target)",
 * `<target|label>` and `<a href=target>label</a>` the same), then what is left is "defanged" with
 * visible brackets: "evil[.]example", "https[://]evil[.]example/path", "jane[@]evil[.]example",
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
 * Linear time on any input: no regular expression here can backtrack over more than a bounded or
 * disjoint stretch, brackets and parentheses are paired in one pass with a stack, and every scan
 * for a closing character is cached so that no stretch of text is scanned twice.
 */

/** A stretch of the output: `keep` for an allowed link, left exactly as it was written. */
interface Piece {
  text: string;
  keep: boolean;
}

const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;

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

// ---------------------------------------------------------------------------------------------
// Allowed links
// ---------------------------------------------------------------------------------------------

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const WEB_SCHEME = /^(?:https?:\/\/|mailto:)/;

/** A link as compared: scheme and host in lower case, without a trailing slash. */
function normaliseLink(link: string): string {
  let rest = link.trim();
  let scheme = "";
  const found = SCHEME.exec(rest);
  if (found) {
    scheme = found[0].toLowerCase();
    rest = rest.slice(found[0].length);
  }
  let slashes = "";
  if (rest.startsWith("//")) {
    slashes = "//";
    rest = rest.slice(2);
  }
  // The host, or for a bare "host/path" or an address "name@host" everything up to the path.
  const end = rest.search(/[/?#]/);
  const host = end < 0 ? rest : rest.slice(0, end);
  const path = end < 0 ? "" : rest.slice(end);
  return `${scheme}${slashes}${host.toLowerCase()}${path}`.replace(/\/$/, "");
}

/** The facts' links: these, and only these, stay clickable. */
class AllowedLinks {
  private readonly exact = new Set<string>();
  /** Web links without their scheme, so that "learn.example.org/path" in the text matches "https://learn.example.org/path". */
  private readonly withoutScheme = new Set<string>();
  /** Allowed links written without a scheme, so that "https://x.org" in the text matches a fact's "x.org". */
  private readonly schemeless = new Set<string>();
  /** Longer candidates cannot match: they are not even normalised. */
  readonly maxLength: number;

  constructor(links: readonly string[]) {
    let max = 0;
    for (const link of Array.isArray(links) ? links : []) {
      if (typeof link !== "string" || link.trim() === "") continue;
      const normal = normaliseLink(link);
      this.exact.add(normal);
      if (WEB_SCHEME.test(normal)) this.withoutScheme.add(normal.replace(WEB_SCHEME, ""));
      else if (!SCHEME.test(normal) && !normal.startsWith("//")) this.schemeless.add(normal);
      max = Math.max(max, link.length);
    }
    this.maxLength = max + 16;
  }

  has(candidate: string): boolean {
    if (this.exact.size === 0 || candidate.length === 0 || candidate.length > this.maxLength) return false;
    const normal = normaliseLink(candidate);
    if (this.exact.has(normal)) return true;
    if (WEB_SCHEME.test(normal)) return this.schemeless.has(normal.replace(WEB_SCHEME, ""));
    return !SCHEME.test(normal) && !normal.startsWith("//") && this.withoutScheme.has(normal);
  }
}

// ---------------------------------------------------------------------------------------------
// Link syntax: markdown, Slack, HTML
// ---------------------------------------------------------------------------------------------

/** Pairs each opening character with its closing one (innermost first), -1 when unpaired; one pass with a stack. */
function pairs(text: string, open: number, close: number): Int32Array {
  const partner = new Int32Array(text.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === open) stack.push(i);
    else if (c === close) {
      const opening = stack.pop();
      if (opening !== undefined) {
        partner[opening] = i;
        partner[i] = opening;
      }
    }
  }
  return partner;
}

/** The next index of `needle` at or after a position, for positions that only grow: each stretch is searched once. */
class NextIndex {
  private found = -2;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  from(position: number): number {
    if (this.found === -1) return -1;
    if (this.found < position) this.found = this.text.indexOf(this.needle, position);
    return this.found;
  }
}

/** The next closing `</a>` at or after a position, for positions that only grow. */
class NextAnchorEnd {
  private found: { start: number; end: number } | null | undefined;
  private readonly pattern = /<\/a\s*>/gi;
  constructor(private readonly text: string) {}

  from(position: number): { start: number; end: number } | null {
    if (this.found === null) return null;
    if (!this.found || this.found.start < position) {
      this.pattern.lastIndex = position;
      const match = this.pattern.exec(this.text);
      this.found = match ? { start: match.index, end: match.index + match[0].length } : null;
    }
    return this.found;
  }
}

/** A markdown destination: `<with spaces>` or the first word, without a title. */
function destination(inner: string): string {
  const trimmed = inner.trim();
  if (trimmed.startsWith("<")) {
    const close = trimmed.indexOf(">");
    return close > 0 ? trimmed.slice(1, close) : trimmed.slice(1);
  }
  const space = trimmed.search(/\s/);
  return space < 0 ? trimmed : trimmed.slice(0, space);
}

/** A disarmed link as words: "label (target)", or the one of them there is. */
function asWords(label: string, target: string): string {
  const l = label.trim();
  const t = target.trim();
  if (!l) return t;
  if (!t || l === t) return l;
  return `${l} (${t})`;
}

/** The href of an opening `a` tag's inside ("a href=…"), without quotes. */
function hrefOf(tag: string): string {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=`]+))/i.exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? "") : "";
}

/**
 * Drops link syntax from the text: what pointed to an allowed link is kept as written, everything
 * else becomes plain words for the next pass to defang.
 */
function withoutLinkSyntax(text: string, allowed: AllowedLinks): Piece[] {
  const pieces: Piece[] = [];
  const square = pairs(text, OPEN_SQUARE, CLOSE_SQUARE);
  const round = pairs(text, OPEN_PAREN, CLOSE_PAREN);
  const nextGt = new NextIndex(text, ">");
  const nextLt = new NextIndex(text, "<");
  const nextAnchorEnd = new NextAnchorEnd(text);
  let plainFrom = 0;
  const plainUpTo = (end: number) => {
    if (end > plainFrom) pieces.push({ text: text.slice(plainFrom, end), keep: false });
  };

  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    let handled: { end: number; out: Piece[]; from?: number } | undefined;
    if (c === OPEN_SQUARE) handled = markdownLink(i);
    else if (c === 0x3c /* < */) handled = angleLink(i);
    if (!handled) {
      i++;
      continue;
    }
    plainUpTo(handled.from ?? i);
    pieces.push(...handled.out);
    i = handled.end;
    plainFrom = i;
  }
  plainUpTo(text.length);
  return pieces;

  function markdownLink(open: number): { end: number; out: Piece[]; from?: number } | undefined {
    const close = square[open]!;
    if (close < 0) return undefined;
    const next = text.charCodeAt(close + 1);
    if (next === OPEN_PAREN) {
      // [label](target "title"), or an image ![alt](src)
      const end = round[close + 1]!;
      if (end < 0) return undefined;
      const label = text.slice(open + 1, close);
      const inner = text.slice(close + 2, end);
      const target = destination(inner);
      const bare = inner.trim() === target || inner.trim() === `<${target}>`;
      // Only a plain [label](allowed) stays a link: with a title or anything else after the target,
      // it is words like the others, and the allowed target is kept as a word of its own.
      if (inner === target && allowed.has(target)) return { end: end + 1, out: [{ text: `[${label}`, keep: false }, { text: `](${inner})`, keep: true }] };
      const image = open > plainFrom && text.charCodeAt(open - 1) === 0x21; /* ! */
      return { end: end + 1, out: [{ text: asWords(label, bare ? target : inner), keep: false }], from: image ? open - 1 : open };
    }
    if (next === OPEN_SQUARE) {
      // [label][ref] and [label][]: the reference's target is in a definition, disarmed below.
      const end = square[close + 1]!;
      if (end < 0) return undefined;
      const label = text.slice(open + 1, close);
      return { end: end + 1, out: [{ text: label || text.slice(close + 2, end), keep: false }] };
    }
    if (next === 0x3a /* : */ && atLineStart(open)) {
      // A definition, [ref]: target: its target stays as a word, for the next pass.
      return { end: close + 2, out: [{ text: `${text.slice(open + 1, close)}:`, keep: false }] };
    }
    return undefined;
  }

  function atLineStart(at: number): boolean {
    let k = at - 1;
    while (k >= 0 && at - k <= 4 && (text[k] === " " || text[k] === "\t")) k--;
    return k < 0 || text[k] === "\n";
  }

  /**
   * Neither platform renders these as written (Slack's syntax is escaped by the Slack renderer,
   * Teams shows HTML as text), so even with an allowed target they become words: "label (target)",
   * where an allowed target is then kept as a bare link, which both platforms auto-link.
   */
  function angleLink(open: number): { end: number; out: Piece[] } | undefined {
    const gt = nextGt.from(open + 1);
    if (gt < 0) return undefined;
    const lt = nextLt.from(open + 1);
    if (lt >= 0 && lt < gt) return undefined;
    const inside = text.slice(open + 1, gt);
    if (/^a\s/i.test(inside)) {
      // <a href="target">label</a>
      const anchorEnd = nextAnchorEnd.from(gt + 1);
      const label = anchorEnd ? text.slice(gt + 1, anchorEnd.start) : "";
      return { end: anchorEnd ? anchorEnd.end : gt + 1, out: [{ text: asWords(label, hrefOf(inside)), keep: false }] };
    }
    if (/^\/a\s*$/i.test(inside)) return { end: gt + 1, out: [] };
    // Slack's <target|label> and <target>, markdown's autolink <scheme:…>.
    const bar = inside.indexOf("|");
    const target = bar < 0 ? inside : inside.slice(0, bar);
    const label = bar < 0 ? "" : inside.slice(bar + 1);
    // Mentions (<@U1>, <#C1|general>, <!here>) are no links; text like "a < b > c" neither.
    if (target === "" || /\s/.test(target) || /^[@#!]/.test(target) || !/[:.@/\\]/.test(target)) return undefined;
    return { end: gt + 1, out: [{ text: asWords(label, target), keep: false }] };
  }
}

// ---------------------------------------------------------------------------------------------
// Bare links: URLs, domains, addresses
// ---------------------------------------------------------------------------------------------

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
function holdsLink(word: string): boolean {
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
function defang(word: string): string {
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
function withoutBareLinks(text: string, allowed: AllowedLinks): Piece[] {
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

/**
 * What could still form a markdown link once the rest is done, broken apart: "](" and "][" (link
 * and reference), a definition "[ref]:" at the start of a line. Defanging itself writes brackets,
 * so this runs last.
 */
function withoutMarkdownJoins(text: string): string {
  return text
    .replace(/\]\(/g, "] (")
    .replace(/\]\[/g, "] [")
    .replace(/^([ \t]*)\[([^\]\n]*)\]:/gm, "$1$2:");
}

/** The characters a link is made of, where a character reference or a markdown escape could hide them. */
const LINK_PUNCTUATION = new Set([0x2e, 0x3a, 0x2f, 0x40, 0x5c, ...DOTS]);
const NAMED_REFERENCES: Record<string, string> = { period: ".", colon: ":", sol: "/", commat: "@", bsol: "\\" };

/**
 * Teams' markdown turns "evil&#46;example" and "evil\.example" into "evil.example" once rendered,
 * out of sight of the checks here: those references and escapes are written out first, so that the
 * link they spell is seen and disarmed. Other references and escapes are left as they are.
 */
function withLinkPunctuationSpelledOut(text: string): string {
  return text
    .replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(period|colon|sol|commat|bsol));/g, (reference, decimal?: string, hex?: string, name?: string) => {
      if (name) return NAMED_REFERENCES[name] ?? reference;
      const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? "", 16);
      return LINK_PUNCTUATION.has(code) ? String.fromCodePoint(code) : reference;
    })
    .replace(/\\(?=[.:/@。．｡﹒․])/g, "");
}

function neutralise(raw: string, allowed: AllowedLinks): string {
  const text = withLinkPunctuationSpelledOut(raw);
  const pieces = withoutLinkSyntax(text, allowed).flatMap((piece) => (piece.keep ? [piece] : withoutBareLinks(piece.text, allowed)));
  const out: string[] = [];
  let last = "";
  for (const piece of pieces) {
    const part = piece.keep ? piece.text : withoutMarkdownJoins(piece.text);
    if (part === "") continue;
    // Two pieces must not join into link syntax either: "…]" then "(…", "[…" or ":".
    if (last === "]" && /^[([:]/.test(part)) out.push(" ");
    out.push(part);
    last = part[part.length - 1]!;
  }
  return out.join("");
}

/** The last resort, should the careful pass fail: every word that holds a link defanged, no link kept. */
function crudelyNeutralised(text: string): string {
  try {
    return withoutMarkdownJoins(withLinkPunctuationSpelledOut(String(text)).replace(/\S+/g, (word) => (holdsLink(word) ? defang(word) : word)));
  } catch {
    return String(text).replace(/[.:/@[\]<>()]/g, " ");
  }
}

/**
 * The text with every link-like thing made unclickable on Slack and Teams but still readable,
 * except the `allowed` links (compared without a trailing slash and ignoring the case of the scheme
 * and host), which stay exactly as written. Never throws; linear in the length of the text.
 */
export function neutraliseLinks(text: string, allowed: readonly string[]): string {
  try {
    return neutralise(text, new AllowedLinks(allowed));
  } catch {
    return crudelyNeutralised(text);
  }
}
