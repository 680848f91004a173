import { describe, expect, it } from "vitest";
import { toBlockKit } from "../../adapters/slack/to-block-kit.js";
import { toAdaptiveCards, toTeamsMessages } from "../../adapters/teams/to-adaptive-card.js";
import { toText } from "../../adapters/console/render-text.js";
import { answer, type AnswerRequest } from "../../src/answers/answer.js";
import { neutraliseLinks } from "../../src/phrasing/neutralise-links.js";
import { withPhrasedAnswer } from "../../src/phrasing/phrased-reply.js";
import { shippedCatalog } from "../helpers.js";

const ALLOWED = "https://learn.example.org/path";
const n = (text: string, allowed: readonly string[] = []) => neutraliseLinks(text, allowed);

/**
 * What Slack or Teams could still make clickable in a text: a URL with a scheme, a scheme-relative
 * or opaque-scheme link, markdown or angle link syntax, a bare domain whose top-level domain is
 * letters, an e-mail address. Brackets written by the neutraliser ("evil[.]example") break all of them.
 */
function clickable(text: string): string[] {
  const forms = [
    /[a-z][a-z0-9+.-]*:\/\//gi,
    /(?<![[:])\/\/(?!\])/g,
    /\b(?:mailto|javascript|data|msteams|slack|tel|vbscript|file):(?!\])/gi,
    /\]\(/g,
    /\]\[/g,
    /<(?:https?|mailto|ftp|javascript|\/\/)/gi,
    /<a\s/gi,
    /[\p{L}\p{N}_-][.。．｡](?:[\p{L}][\p{L}\p{M}-]*[\p{L}]|xn--)/gu,
    /[\p{L}\p{N}._%+-]@[\p{L}\p{N}]/gu,
  ];
  return forms.flatMap((form) => [...text.matchAll(form)].map((m) => m[0]));
}

describe("neutraliseLinks: full URLs of any scheme", () => {
  it.each([
    ["See https://evil.example/course?id=3 for details.", "See https[://]evil[.]example/course?id=3 for details."],
    ["Voir http://EVIL.example/parcours.", "Voir http[://]EVIL[.]example/parcours."],
    ["Download ftp://files.evil.example/deck.pdf now.", "Download ftp[://]files[.]evil[.]example/deck[.]pdf now."],
    ["Écrivez à mailto:rh@evil.example dès lundi.", "Écrivez à mailto[:]rh[@]evil[.]example dès lundi."],
    ["Click javascript:alert(document.cookie) here.", "Click javascript[:]alert(document[.]cookie) here."],
    ["Open data:text/html;base64,PHNjcmlwdD4= please.", "Open data[:]text/html;base64,PHNjcmlwdD4= please."],
    ["Ouvrez slack://open?team=T123 pour rejoindre.", "Ouvrez slack[://]open?team=T123 pour rejoindre."],
    ["Chat with msteams:/l/chat/0/0?users=a@evil.example today.", "Chat with msteams[:]/l/chat/0/0?users=a[@]evil[.]example today."],
    ["Local: http://localhost:8080/admin", "Local: http[://]localhost:8080/admin"],
    ["IP: http://192.168.1.1/x and 10.0.0.1.", "IP: http[://]192[.]168[.]1[.]1/x and 10[.]0[.]0[.]1."],
  ])("%s", (text, expected) => {
    const out = n(text);
    expect(out).toBe(expected);
    expect(clickable(out)).toEqual([]);
  });

  it("neutralises scheme-relative links", () => {
    expect(n("Go to //evil.example/path now.")).toBe("Go to [//]evil[.]example/path now.");
    expect(n("Rendez-vous sur //localhost/admin.")).toBe("Rendez-vous sur [//]localhost/admin.");
    expect(clickable(n("(//evil.example)"))).toEqual([]);
  });
});

describe("neutraliseLinks: bare domains with any top-level domain", () => {
  it.each([
    ["Enrol at acme-training.academy this week.", "Enrol at acme-training[.]academy this week."],
    ["Try x.co today.", "Try x[.]co today."],
    ["Le programme est sur learn.example.org/path.", "Le programme est sur learn[.]example[.]org/path."],
    ["Read www.evil.example/guide, then stop.", "Read www[.]evil[.]example/guide, then stop."],
    ["Inscrivez-vous sur formation.gouv.fr (gratuit).", "Inscrivez-vous sur formation[.]gouv[.]fr (gratuit)."],
    ["Consultez l'académie.evil.example pour plus.", "Consultez l'académie[.]evil[.]example pour plus."],
    ["Punycode: xn--bcher-kva.xn--tckwe works.", "Punycode: xn--bcher-kva[.]xn--tckwe works."],
    ["Full-width: evil．example and evil。example.", "Full-width: evil[.]example and evil[.]example."],
    ["Hidden: evil\u200b.example too.", "Hidden: evil\u200b[.]example too."],
    ["Spelt: evil&#46;example, evil&#x2E;example, evil&period;example.", "Spelt: evil[.]example, evil[.]example, evil[.]example."],
    ["Échappé : evil\\.example et https&#58;//evil.example.", "Échappé : evil[.]example et https[://]evil[.]example."],
  ])("%s", (text, expected) => {
    const out = n(text);
    expect(out).toBe(expected);
    expect(clickable(out)).toEqual([]);
  });

  it.each([
    "Skills, e.g. facilitation, i.e. running workshops, etc.",
    "Version 3.5 of the L&D framework, 4/5 (Advanced), at 10:30 a.m.",
    "Par ex. : la gestion de projet, c.-à-d. piloter, p. ex. un budget, etc.",
    "Niveau 3,5 sur 5 ; Ph.D. ou M. Dupont ; U.S. teams.",
    "Note: this works. Remarque : ceci aussi… Fin.",
    "Ask <@U123> or <#C42|general> about it; 1 < 2 > 0.",
  ])("leaves ordinary text alone: %s", (text) => {
    expect(n(text)).toBe(text);
  });
});

describe("neutraliseLinks: e-mail addresses", () => {
  it("defangs addresses in English and French sentences", () => {
    expect(n("Write to jane.doe@evil.example.")).toBe("Write to jane[.]doe[@]evil[.]example.");
    expect(n("Contactez rh@evil.example ou l’équipe.")).toBe("Contactez rh[@]evil[.]example ou l’équipe.");
  });
});

describe("neutraliseLinks: link syntax", () => {
  it.each([
    ["Take [the course](https://evil.example/c).", "Take the course (https[://]evil[.]example/c)."],
    ["Suivez [ce parcours](//evil.example/p) dès demain.", "Suivez ce parcours ([//]evil[.]example/p) dès demain."],
    ["[https://evil.example](https://evil.example)", "https[://]evil[.]example"],
    ["See [docs](https://evil.example \"Official docs\").", "See docs (https[://]evil[.]example \"Official docs\")."],
    ["![logo](https://evil.example/logo.png)", "logo (https[://]evil[.]example/logo[.]png)"],
    ["[Click](javascript:alert(1))", "Click (javascript[:]alert(1))"],
    ["Read [the guide][1].\n\n[1]: https://evil.example/guide", "Read the guide.\n\n1: https[://]evil[.]example/guide"],
    ["Lisez [le guide][] maintenant.", "Lisez le guide maintenant."],
    ["See <https://evil.example|the catalogue> now.", "See the catalogue (https[://]evil[.]example) now."],
    ["Voir <https://evil.example> ici.", "Voir https[://]evil[.]example ici."],
    ["Mail <mailto:a@evil.example|us>.", "Mail us (mailto[:]a[@]evil[.]example)."],
    ["Open <a href=\"https://evil.example\">the page</a> now.", "Open the page (https[://]evil[.]example) now."],
    ["Ouvrez <A HREF='//evil.example/x'>la page</A>.", "Ouvrez la page ([//]evil[.]example/x)."],
  ])("%s", (text, expected) => {
    const out = n(text);
    expect(out).toBe(expected);
    expect(clickable(out)).toEqual([]);
  });

  it("breaks what cannot be paired but could still join into a link", () => {
    for (const text of ["[a [b](https://evil.example) c](https://evil.example)", "x](evil.example) [y]: z", "[a](b", "[[x](y)](z)", "https://(evil.example)"]) {
      const out = n(text);
      expect(clickable(out), out).toEqual([]);
    }
  });
});

describe("neutraliseLinks: the facts' own links", () => {
  it("leaves allowed links exactly as written, and clickable", () => {
    expect(n(`See ${ALLOWED}.`, [ALLOWED])).toBe(`See ${ALLOWED}.`);
    expect(n(`Voir (${ALLOWED}/) et « ${ALLOWED} ».`, [ALLOWED])).toBe(`Voir (${ALLOWED}/) et « ${ALLOWED} ».`);
    expect(n("See HTTPS://Learn.Example.ORG/path now.", [ALLOWED])).toBe("See HTTPS://Learn.Example.ORG/path now.");
    expect(n("See learn.example.org/path now.", [ALLOWED])).toBe("See learn.example.org/path now.");
    expect(n(`Take [the course](${ALLOWED}).`, [ALLOWED])).toBe(`Take [the course](${ALLOWED}).`);
    expect(n("Write to hr@acme.example.", ["hr@acme.example"])).toBe("Write to hr@acme.example.");
  });

  it("keeps an allowed link and disarms the others around it", () => {
    const out = n(`Start at ${ALLOWED}, not https://evil.example or [here](https://evil.example).`, [ALLOWED]);
    expect(out).toBe(`Start at ${ALLOWED}, not https[://]evil[.]example or here (https[://]evil[.]example).`);
  });

  it("turns Slack and HTML syntax around an allowed link into words with the link kept bare", () => {
    expect(n(`See <${ALLOWED}|the course>.`, [ALLOWED])).toBe(`See the course (${ALLOWED}).`);
    expect(n(`Voir <a href="${ALLOWED}">le parcours</a>.`, [ALLOWED])).toBe(`Voir le parcours (${ALLOWED}).`);
  });

  it("disarms the text shown over an allowed markdown link", () => {
    expect(n(`[evil.example](${ALLOWED})`, [ALLOWED])).toBe(`[evil[.]example](${ALLOWED})`);
  });

  it("does not mistake a longer or different link for an allowed one", () => {
    for (const text of [
      "https://learn.example.org/path.evil.example",
      "https://learn.example.org/path@evil.example",
      "https://learn.example.org.evil.example/path",
      "http://learn.example.org/pathology",
      `[x](${ALLOWED} evil.example)`,
      `${ALLOWED},evil.example`,
    ]) {
      const out = n(text, [ALLOWED]);
      expect(out.toLowerCase(), text).not.toContain("evil.example");
      expect(clickable(out).filter((m) => !ALLOWED.includes(m)), text).toEqual([]);
    }
  });
});

describe("neutraliseLinks: robustness", () => {
  it("is idempotent", () => {
    const text = "Go https://evil.example, //x.example, a@b.example, [y](javascript:z), x.co, <ftp://f.example|f>.";
    const once = n(text);
    expect(n(once)).toBe(once);
  });

  it("never throws, whatever the allowed list holds", () => {
    const junk = ["", "   ", "\ud800", "[", "<", "https://", null, undefined, 42] as unknown as string[];
    expect(() => n("a\ud800b.example [x](\udfff) <a href=>", junk)).not.toThrow();
    expect(() => neutraliseLinks(undefined as unknown as string, undefined as unknown as string[])).not.toThrow();
  });

  it.each([
    ["a.", 50_000],
    ["[", 100_000],
    ["](", 50_000],
    ["<", 100_000],
    ["<a ", 33_000],
    ["[a](", 25_000],
    ["[a][", 25_000],
    ["evil.", 20_000],
    ["http://", 14_000],
    ["a:", 50_000],
    ["@a.", 33_000],
    ["//", 50_000],
    ["(", 100_000],
    ["\n[x]:", 20_000],
    ["\\", 100_000],
    ["&#46;a", 16_000],
  ])("returns on 100 kB of %j repeated", (unit, times) => {
    const text = unit.repeat(times);
    const out = n(text, [ALLOWED]);
    expect(typeof out).toBe("string");
    expect(out.length).toBeGreaterThan(0);
  });
});

describe("phrased text through the real renderers", () => {
  const HOSTILE =
    `Start with ${ALLOWED}. Then [click here](https://evil.example/a) or <https://evil.example/b|this one>, ` +
    "visit evil.example/c, //evil.example/d, EVIL.example, write to boss@evil.example, " +
    "[x][r] and <a href=\"https://evil.example/e\">that</a>, [run](javascript:alert(1)).\n\n[r]: https://evil.example/f";
  const HOSTILE_FR =
    `Commencez par ${ALLOWED}. Puis [cliquez ici](https://evil.example/a) ou <https://evil.example/b|celui-ci>, ` +
    "allez sur evil.example/c ou acme-training.academy, écrivez à rh@evil.example.";

  async function phrased(request: AnswerRequest, text: string) {
    const catalog = await shippedCatalog();
    return withPhrasedAnswer(answer(catalog, request), text, [ALLOWED]);
  }

  function expectDisarmed(rendered: string) {
    expect(rendered).not.toMatch(/<https?:/i);
    expect(rendered).not.toContain("](https://evil");
    expect(rendered).not.toMatch(/\]\((?!https:\/\/learn\.example\.org\/path\))/);
    expect(rendered.toLowerCase()).not.toContain("evil.example");
    expect(rendered).not.toMatch(/acme-training\.academy/);
    expect(rendered).not.toMatch(/javascript:/i);
    expect(rendered).not.toMatch(/@evil/i);
    expect(rendered).not.toMatch(/(?<![[:])\/\/evil/);
    expect(rendered).toContain(ALLOWED);
  }

  it.each([
    ["en", HOSTILE],
    ["fr", HOSTILE_FR],
  ] as const)("Slack blocks and Teams cards carry no hostile link (%s)", async (locale, text) => {
    const reply = await phrased({ intent: "role.describe", roles: ["learning-architect"], locale }, text);

    const slack = JSON.stringify(toBlockKit(reply));
    const cards = JSON.stringify(toAdaptiveCards(reply, new Map()));
    const teams = JSON.stringify(toTeamsMessages(reply, new Map()));
    const terminal = toText(reply).text;
    for (const rendered of [slack, cards, teams, terminal]) expectDisarmed(rendered);
    // The labels are still there to read.
    expect(cards).toContain(locale === "en" ? "click here" : "cliquez ici");
    expect(slack).toContain(locale === "en" ? "this one" : "celui-ci");
  });

  it("keeps an allowed markdown link a link on Teams", async () => {
    const reply = await phrased({ intent: "role.describe", roles: ["learning-architect"], locale: "en" }, `Take [the course](${ALLOWED}), not [this](https://evil.example).`);
    const cards = JSON.stringify(toAdaptiveCards(reply, new Map()));
    expect(cards).toContain(`[the course](${ALLOWED})`);
    expect(cards.toLowerCase()).not.toContain("evil.example");
    expect(reply.fallbackText.toLowerCase()).not.toContain("evil.example");
  });
});
