import { fold } from "./normalize.js";
import type { AnnouncementDetails } from "./understanding.js";

export type Addressees = Pick<AnnouncementDetails, "channels" | "audience" | "users" | "userGroups" | "everyone">;

// Slack's encoded mentions, when the text reaches the core as Slack wrote it:
// https://docs.slack.dev/messaging/formatting-message-text#mentioning-users
const CHANNEL_MENTION = /<#([A-Z0-9]+)(?:\|[^>]*)?>/g;
const USER_MENTION = /<@([A-Z0-9]+)(?:\|[^>]*)?>/g;
const GROUP_MENTION = /<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/g;
const EVERYONE_MENTION = /<!everyone>/;
/** "#learning-club" as typed; "C#" and "#1" are no channels. */
const CHANNEL_NAME = /(?<![\p{L}\p{N}_&#<])#([\p{L}\p{N}_-]*\p{L}[\p{L}\p{N}_-]*)/gu;
const MENTION = new RegExp(`<[#@!][^<>\\s]*>|${CHANNEL_NAME.source}`, "gu");

const ids = (text: string, pattern: RegExp) => [...new Set([...text.matchAll(pattern)].map((m) => m[1]!))];

/**
 * Who the head of a request names: channels and Slack mentions anywhere in it, and, after the
 * verb that passes the news on, the people named in words.
 */
export function findAddressees(head: string, options: { hasMessage: boolean }): Addressees {
  const named = namedInWords(head, options.hasMessage);
  return {
    channels: [...new Set([...ids(head, CHANNEL_MENTION), ...ids(head, CHANNEL_NAME)])],
    ...(named.audience ? { audience: named.audience } : {}),
    users: ids(head, USER_MENTION),
    userGroups: ids(head, GROUP_MENTION),
    everyone: named.everyone || EVERYONE_MENTION.test(head),
  };
}

// ---------------------------------------------------------------------------------------------
// Where the people are named: right after a verb that takes them ("tell", « préviens »), or
// after "to" / « à » that follows a verb that takes the news ("announce … to", « diffuse … à »).

const TELLING = /(?<!\p{L})(?:tell|let(?!['’]s)|inform|notify|remind|warn|(?:share|partage[rz]?)(?=\s+(?:with|avec)\s)|pr[ée]vien[st]?|pr[ée]venir|pr[ée]venez|informe[rz]?|averti[rs]?|avertissez|(?:dis|dites|dire|rappelle[rz]?|[ée]cri[st]|[ée]crire|[ée]crivez|fai(?:s|tes|re)\s+savoir)(?=\s+(?:à|a|au|aux)\s))(?!\p{L})/giu;
const ANNOUNCING_EN = /(?<!\p{L})(?:announce|announcement|broadcast|post|send|publish|blast|forward|schedule|message)(?!\p{L})/giu;
const ANNOUNCING_FR = /(?<!\p{L})(?:annonce[rz]?|diffuse[rz]?|envoie|envoyer|envoyez|publie[rz]?|poste[rz]?|message|transmet(?:s|tre|tez)?|relaie[rz]?|relayer)(?!\p{L})/giu;
const TO_EN = /(?<!\p{L})to\s+/iu;
/** An unaccented « a » only before the words that start a group of people: « qui a lieu » names nobody. */
const TO_FR = /(?<!\p{L})(?:à|au|aux|avec|a(?=\s+(?:l['’]|(?:tous|toutes|tout|la|les|mes|nos|notre|mon|ma|chaque)(?!\p{L}))))(?!\p{L})(?!\s*\d)\s*/iu;
/**
 * Where the people named end: the sentence, the subject ("about", « sur »), the platform ("on
 * Slack"), or when to tell them ("tell the trainers tomorrow that …").
 */
const NAMED_UNTIL = /[.!?;\n]|(?<!\p{L})(?:know|about|regarding|concerning|to|(?:à|a) propos|au sujet|concernant|(?:on|in|via|sur|dans|par)\s+(?:slack|teams|e-?mail|mail)|sur(?!\s*<?#)|today|tomorrow|tonight|now|asap|right away|(?:this|next) (?:morning|afternoon|evening|week)|aujourd['’]hui|demain|ce (?:matin|soir)|maintenant|d[èe]s que possible|cette semaine|la semaine prochaine)(?!\p{L})/iu;
/**
 * "inform the managers of the launch", « informe les managers du lancement »: without a message,
 * the news follows "of" / « de »; "RH de Bordeaux" (a name) and « l'ensemble des » stay people.
 */
const INFORMING = /^(?:inform|notify|informe[rz]?|pr[ée]v|averti)/iu;
const NEWS_OF = /(?<!(?<!\p{L})(?:ensemble|totalit[ée]|plupart|partie|chacun|chacune|membres?|responsables?|chefs?|directeurs?|directrices?|heads?|members?|all|each|most|some|any|one|none|rest))\s+(?:(?:of|de|du|des)(?!\p{L})|d['’])(?!\s*\p{Lu})/u;

/** Where the first verb that passes the news on stands, or 0: the message is looked for after it, past « est-ce que ». */
export function passingOnAt(text: string): number {
  const found = [TELLING, ANNOUNCING_EN, ANNOUNCING_FR].map((verb) => text.search(verb)).filter((at) => at >= 0);
  return found.length > 0 ? Math.min(...found) : 0;
}

interface Span {
  start: number;
  end: number;
}

function peopleSpans(head: string, hasMessage: boolean): Span[] {
  const starts: { at: number; informing: boolean }[] = [
    ...[...head.matchAll(TELLING)].map((m) => ({ at: m.index + m[0].length, informing: INFORMING.test(m[0]) })),
    ...[...head.matchAll(ANNOUNCING_EN)].flatMap((m) => after(head, m.index + m[0].length, TO_EN)),
    ...[...head.matchAll(ANNOUNCING_FR)].flatMap((m) => after(head, m.index + m[0].length, TO_FR)),
  ].sort((a, b) => a.at - b.at);
  return starts.map(({ at, informing }) => {
    const rest = head.slice(at);
    let end = NAMED_UNTIL.exec(rest)?.index ?? rest.length;
    const news = informing && !hasMessage ? NEWS_OF.exec(rest.slice(0, end)) : null;
    if (news) end = news.index;
    return { start: at, end: at + end };
  });
}

/** Where "to" / « à » sends the news, if it does so before the sentence ends. */
function after(head: string, from: number, to: RegExp): { at: number; informing: boolean }[] {
  const rest = head.slice(from);
  const m = to.exec(rest);
  const sentence = /[.!?;\n]/.exec(rest)?.index ?? rest.length;
  return m && m.index < sentence ? [{ at: from + m.index + m[0].length, informing: false }] : [];
}

// ---------------------------------------------------------------------------------------------
// The people named in words: what is left of the span once mentions, "everyone" and the words
// around them are taken out, as typed.

const SEPARATOR = /\s*[,;]\s*(?:(?:and|et|plus|as well as|ainsi que|along with)\s+)?|\s+(?:and|et|&|\+|plus|as well as|ainsi que|along with)\s+/giu;
const PIECES = new RegExp(`(${MENTION.source})|${SEPARATOR.source}`, "giu");

const EVERYONE = new RegExp(`^(?:${[
  "everyone", "everybody", "all", "all of you", "all staff", "all (?:the |our )?(?:staff|employees|colleagues|users|people|teams)", "(?:the )?(?:whole|entire) (?:company|organi[sz]ation|staff|workforce)", "company wide", "all hands",
  "tout le monde", "tous", "toutes", "tous et toutes", "toutes et tous", "tout le personnel", "(?:tous|toutes) (?:les|nos) (?:salaries|salariees|collaborateurs|collaboratrices|employes|agents|collegues|equipes)",
  "toute l (?:entreprise|equipe|organisation)", "toute la (?:boite|societe|structure|maison)", "l ensemble (?:des (?:salaries|collaborateurs|employes|equipes)|du personnel)",
].join("|")})$`);
/** Pronouns and the words that only point at a mention ("in the channel"): nobody named in words. */
const NOBODY = /^(?:(?:in|on|into|to|with|dans|sur|a|au|aux|avec)?(?: (?:the|le|la|les|l))? ?(?:channels?|canal|canaux|chaines?|groups?|groupes?)?|them|him|her|us|you|les|leur|leurs|lui|eux|nous|vous|it|le|la|l|y)$/;
const LEADING_TO = /^(?:to|with|à|a|au|aux|avec)\s+/iu;
const TRAILING_POINTER = /(?:\s+(?:in|on|into|to|with|dans|sur|via|à|a|au|aux|avec|the|le|la|les|channels?|canal|canaux|cha[iî]nes?|groups?|groupes?))+$/iu;

interface Piece extends Span {
  kind: "people" | "everyone" | "mention" | "nobody";
}

/** The first span that names anyone, by mention or in words; a verb with nobody after it is passed over. */
function namedInWords(head: string, hasMessage: boolean): { audience?: string; everyone: boolean } {
  for (const span of peopleSpans(head, hasMessage)) {
    const pieces = piecesOf(head, span);
    const everyone = pieces.some((p) => p.kind === "everyone");
    const named = pieces.flatMap((p, i) => (p.kind === "people" ? [i] : []));
    if (named.length === 0) {
      if (everyone || pieces.some((p) => p.kind === "mention")) return { everyone };
      continue;
    }
    const people = pieces.slice(named[0], named[named.length - 1]! + 1);
    // "the sales managers and the trainers" as typed; pieces parted by a mention are listed.
    const audience = people.every((p) => p.kind === "people")
      ? head.slice(people[0]!.start, people[people.length - 1]!.end)
      : people.filter((p) => p.kind === "people").map((p) => head.slice(p.start, p.end)).join(", ");
    return { audience, everyone };
  }
  return { everyone: false };
}

/** The span cut at mentions and at "and" / « et » / commas, each piece trimmed and classed. */
function piecesOf(head: string, span: Span): Piece[] {
  const text = head.slice(span.start, span.end);
  const pieces: Piece[] = [];
  const add = (start: number, end: number, beforeMention: boolean) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length + (LEADING_TO.exec(raw.trimStart())?.[0].length ?? 0);
    let piece = raw.slice(lead).trimEnd();
    if (beforeMention) piece = piece.replace(TRAILING_POINTER, "");
    piece = piece.replace(/[\s,;:'"’-]+$/u, "");
    const folded = fold(piece);
    const kind = EVERYONE.test(folded) ? "everyone" : NOBODY.test(folded) ? "nobody" : "people";
    pieces.push({ start: span.start + start + lead, end: span.start + start + lead + piece.length, kind });
  };
  let from = 0;
  for (const m of text.matchAll(PIECES)) {
    const mention = m[1] !== undefined;
    add(from, m.index, mention);
    if (mention) pieces.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, kind: "mention" });
    from = m.index + m[0].length;
  }
  add(from, text.length, false);
  return pieces;
}
