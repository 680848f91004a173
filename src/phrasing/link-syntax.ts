/*
 * The first pass of neutraliseLinks: link syntax is dropped so that nothing is left for a renderer
 * to turn into a link but bare text, which the second pass (bare-links.ts) defangs.
 * `[label](target)` becomes "label (target)", `<target|label>` and `<a href=target>label</a>` the
 * same: the label, which the model wrote for the reader, stays readable, and the target stays
 * visible as a word so that the reader sees where it pointed.
 *
 * Linear time on any input: no regular expression here can backtrack over more than a bounded or
 * disjoint stretch, brackets and parentheses are paired in one pass with a stack, and every scan for
 * a closing character is cached so that no stretch of text is scanned twice.
 */

/** A stretch of the output: `keep` for an allowed link, left exactly as it was written. */
export interface Piece {
  text: string;
  keep: boolean;
}

/**
 * The facts' links, the only ones that stay clickable; both passes ask it about each candidate, and
 * need not know how links are compared (neutralise-links.ts does).
 */
export interface AllowedLinkSet {
  has(candidate: string): boolean;
}

const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;

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
export function withoutLinkSyntax(text: string, allowed: AllowedLinkSet): Piece[] {
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

/**
 * What could still form a markdown link once the rest is done, broken apart: "](" and "][" (link
 * and reference), a definition "[ref]:" at the start of a line. Defanging itself writes brackets,
 * so this runs last.
 */
export function withoutMarkdownJoins(text: string): string {
  return text
    .replace(/\]\(/g, "] (")
    .replace(/\]\[/g, "] [")
    .replace(/^([ \t]*)\[([^\]\n]*)\]:/gm, "$1$2:");
}
