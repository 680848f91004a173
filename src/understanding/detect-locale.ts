import type { Locale } from "../catalog/schema.js";

/** Short function words decide the language better than any one content word. */
const FRENCH = new Set([
  "le", "la", "les", "un", "une", "des", "du", "est", "c", "quoi", "qu", "que", "qui", "comment", "je", "tu", "vous",
  "mon", "ma", "mes", "pour", "avec", "dans", "sur", "et", "ou", "devenir", "quel", "quelle", "quels", "quelles",
  "competences", "bonjour", "salut", "merci", "fait", "suis", "veux", "voudrais", "aide", "entre", "faire", "metier",
  "metiers", "sont", "combien", "ce", "au", "aux", "moi", "mon", "notre", "nos", "equipe", "parcours", "lancer", "evaluer",
  "liste", "annonce", "sondage", "il", "elle", "pas", "bonsoir", "coucou", "peux", "peut", "sais", "bref", "quoi",
  "accord", "daccord", "parfait", "compris", "entendu", "revoir", "bientot", "tres", "ca", "genial", "nickel", "ouais", "oui",
  "bon", "bonne", "journee", "soiree", "semaine",
]);
const ENGLISH = new Set([
  "the", "an", "is", "what", "how", "do", "does", "i", "you", "my", "for", "with", "in", "and", "or",
  "become", "skills", "hello", "hi", "thanks", "which", "who", "are", "can", "to", "of", "between", "tell",
  "about", "need", "want", "team", "start", "list", "help", "whats", "s", "be", "there", "hey", "good", "morning",
  "roles", "your", "know", "assess", "survey", "announce", "send", "should", "get", "difference", "much", "many",
  "thank", "bye", "goodbye", "got", "it", "great", "awesome", "yes", "yeah", "see", "later", "please", "jobs",
]);

export function detectLocale(original: string, words: readonly string[], fallback: Locale): Locale {
  let french = /[àâçéèêëîïôûùüÿœ]/i.test(original) ? 1 : 0;
  let english = 0;
  for (const word of words) {
    if (FRENCH.has(word)) french++;
    if (ENGLISH.has(word)) english++;
  }
  if (french === english) return fallback;
  return french > english ? "fr" : "en";
}
