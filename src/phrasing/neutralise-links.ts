/*
 * Phrased text is written by a language model, so every link in it is suspect except the ones the
 * facts themselves carry. This makes every other link-like thing unclickable on Slack (mrkdwn, which
 * auto-links bare URLs, domains and addresses) and Teams (card markdown: `[label](url)` and
 * auto-linking), while keeping it readable.
 *
 * How a link is disarmed, in two passes: the link syntax is dropped, keeping labels and targets as
 * words (link-syntax.ts), then what is left is "defanged" with visible brackets, as in
 * "evil[.]example" (bare-links.ts). The facts' links, matched here, are kept as written by both.
 *
 * Linear time on any input: each pass is, and matching a candidate against the allowed links costs
 * no more than its length, bounded by the longest allowed link.
 */

import { defang, holdsLink, withLinkPunctuationSpelledOut, withoutBareLinks } from "./bare-links.js";
import { withoutLinkSyntax, withoutMarkdownJoins, type AllowedLinkSet } from "./link-syntax.js";

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
class AllowedLinks implements AllowedLinkSet {
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
