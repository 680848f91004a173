import type { RoleCatalog } from "../catalog/role-catalog.js";
import { phraseTokens } from "./cue-phrases.js";
import { PhraseIndex } from "./phrase-index.js";
import { overlaps, type RoleMention } from "./role-matcher.js";

/**
 * Roles said by their work: "I run the onboarding sessions", « je conçois les modules e-learning »
 * (each role's `activities`, cue phrases). People say their own job this way as often as by its
 * title, and ask about a job by what it does ("who should run our LXP?").
 */
export class RoleActivities {
  private readonly index = new PhraseIndex<string>();

  constructor(catalog: RoleCatalog) {
    for (const role of catalog.roles()) {
      for (const phrase of [...role.activities.fr, ...role.activities.en]) this.index.add(phraseTokens(phrase), role.id);
    }
  }

  /** The work said in the folded words, where no role is named (`named`): the longest at each place. */
  find(words: readonly string[], named: readonly RoleMention[]): RoleMention[] {
    const found: RoleMention[] = [];
    for (let start = 0; start < words.length; start++) {
      // Inside a role's name no work starts: "manager" in "training manager" is not "manage our LMS".
      const name = named.find((m) => start >= m.start && start < m.end);
      if (name) {
        start = name.end - 1;
        continue;
      }
      let longest: RoleMention | undefined;
      this.index.at(words, start, (roleId, end) => {
        if (!longest || end > longest.end) longest = { roleId, start, end, typos: 0, plural: false, byActivity: true };
      });
      if (longest && !overlaps(longest, named)) {
        found.push(longest);
        start = longest.end - 1;
      }
    }
    return found;
  }
}
