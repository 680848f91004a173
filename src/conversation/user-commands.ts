import { fold } from "../understanding/normalize.js";

/** Requests about the user's own data and flows, which come before any question about roles. */
export type UserCommand = "delete-data" | "results" | "resume" | "explain-skill";

/** The words "my results" may hold between them: "my past assessment results", « mes derniers résultats ». */
const RESULTS_OF = "(?: (?:past|previous|last|latest|old|own|assessment|self assessment|evaluation|test|quiz|derniers?|anciens?|precedents?|d evaluation|d auto evaluation|de test|du test))*";
/** Erasing what is kept about the user, in other words than "my data": "forget everything you stored about me". */
const ERASE_ABOUT_ME = "(?:supprim\\w*|effac\\w*|delete|erase|remove|wipe|purge|forget|oubli\\w*)(?: \\w+){0,6} (?:about me|on me|sur moi|de moi|me concernant)";
/** Erasing the user's history or personal data, with words between: "remove my assessment history and personal data". */
const ERASE_MY_RECORDS = "(?:supprim\\w*|effac\\w*|delete|erase|remove|wipe|purge|clear)(?: \\w+){0,2} (?:(?:mes|my|mon|all my|toutes mes|tout mon)(?: \\w+){0,2} (?:donnees|data|historique|history|reponses|answers|infos|informations)|(?:personal data|donnees perso\\w*))";
/**
 * The data named first, then erased, as a wish: "I'd like my personal data removed", « je voudrais
 * que mes données soient effacées », "I want everything you stored about me deleted". A wish only:
 * "are my data deleted after 30 days?" or "I don't want my data removed" asks nothing to erase.
 */
const MY_RECORDS_ERASED = "(?:i d like|i would like|i want|i wish|i need|je voudrais|je veux|je souhaite|j aimerais|je souhaiterais)(?: que)?(?: \\w+){0,2} (?:(?:my|mes)(?: \\w+){0,2} (?:donnees|data|historique|history|infos|informations)|(?:everything|all|tout)(?: \\w+){0,5} (?:about me|on me|sur moi|me concernant))(?: \\w+){0,4} (?:removed|deleted|erased|wiped|purged|supprime\\w*|efface\\w*)";
/** Erasing everything, said last: "… supprime tout", "just delete everything". */
const ERASE_ALL = "(?:supprim\\w*|effac\\w*|delete|erase|wipe)(?: moi)? (?:tout|everything|it all)$";

const COMMANDS: [UserCommand, RegExp][] = [
  [
    "delete-data",
    new RegExp(
      `(?:^| )(?:supprim\\w*|effac\\w*|delete|erase|remove|wipe|oublie)(?: moi)?(?: toutes?)? (?:mes|my|all my) (?:donnees|data|infos|informations)(?: |$)|(?:^| )(?:forget me|oublie moi|right to be forgotten|droit a l oubli)(?: |$)|(?:^| )${ERASE_ABOUT_ME}(?: |$)|(?:^| )${ERASE_MY_RECORDS}(?: |$)|(?:^| )${MY_RECORDS_ERASED}(?: |$)|(?:^| )${ERASE_ALL}`,
    ),
  ],
  [
    "results",
    new RegExp(
      `(?:^| )(?:(?:mes|my)${RESULTS_OF} (?:resultats|results|scores)|mes evaluations|mes evals?|my evals?|my assessments|(?:mon|my)(?: dernier| last| latest| previous)? (?:resultat|result)|(?:mon|my)(?: assessment| evaluation| quiz| test| d evaluation| de test)? (?:historique|history)|mes auto evaluations|past results|previous results|resultats precedents)(?: |$)|^(?:mon |my )?(?:historique|history)$` +
        // "the results of my last assessment", « les résultats de ma dernière évaluation ».
        `|(?:^| )(?:results?|resultats?|scores?) (?:of|from|de|du) (?:my|ma|mon|mes)(?: (?:last|latest|previous|derniere|dernier|precedente))? (?:assessment|self assessment|evaluation|auto evaluation|quiz|test|diagnostic)(?: |$)` +
        // "how did I score last time?", « j'avais eu combien la dernière fois ? »: the user's own past score.
        `|(?:^| )(?:how did i score|what did i score|what was my score|what were my scores|my (?:last |previous |latest )?score|mon (?:dernier )?score|ma (?:derniere )?note|(?:j ai|j avais) eu combien|combien (?:j ai|j avais) eu)(?: |$)`,
    ),
  ],
  ["resume", /^(?:reprendre|reprends|reprenons|continuer|continue|continuons|resume)(?: (?:mon|my|l|the))?(?: (?:evaluation|auto evaluation|assessment|self assessment))?$/],
  ["explain-skill", /(?:^| )(?:what does (?:this|that|it) (?:skill )?mean|what is this skill|what does this skill cover|ca veut dire quoi|ca veut dire|que veut dire|c est quoi cette competence|qu est ce que cette competence|explique|explain)(?: |$)/],
];

export function userCommand(text: string): UserCommand | undefined {
  const folded = fold(text);
  return COMMANDS.find(([, pattern]) => pattern.test(folded))?.[0];
}
