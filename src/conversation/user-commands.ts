import { fold } from "../understanding/normalize.js";

/** Requests about the user's own data and flows, which come before any question about roles. */
export type UserCommand = "delete-data" | "results" | "resume" | "explain-skill";

const COMMANDS: [UserCommand, RegExp][] = [
  ["delete-data", /(?:^| )(?:supprim\w*|effac\w*|delete|erase|remove|wipe|oublie)(?: moi)?(?: toutes?)? (?:mes|my|all my) (?:donnees|data|infos|informations)(?: |$)|(?:^| )(?:forget me|oublie moi)(?: |$)/],
  ["results", /(?:^| )(?:mes resultats|my results|mes evaluations|my assessments|mes auto evaluations|past results|previous results|resultats precedents)(?: |$)|^(?:mon |my )?(?:historique|history)$/],
  ["resume", /^(?:reprendre|reprends|reprenons|continuer|continue|continuons|resume)(?: (?:mon|my|l|the))?(?: (?:evaluation|auto evaluation|assessment|self assessment))?$/],
  ["explain-skill", /(?:^| )(?:what does (?:this|that|it) (?:skill )?mean|what is this skill|what does this skill cover|ca veut dire quoi|ca veut dire|que veut dire|c est quoi cette competence|qu est ce que cette competence|explique|explain)(?: |$)/],
];

export function userCommand(text: string): UserCommand | undefined {
  const folded = fold(text);
  return COMMANDS.find(([, pattern]) => pattern.test(folded))?.[0];
}
