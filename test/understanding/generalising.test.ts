import { beforeAll, describe, expect, it } from "vitest";
import { userCommand } from "../../src/conversation/user-commands.js";
import type { RuleBasedUnderstanding } from "../../src/understanding/rule-based-understanding.js";
import { DLM, LA, LD, shippedUnderstanding, TM, TRAINER } from "./fixtures.js";

/**
 * One test per class of message the cue files and the catalogue's names must cover, each in both
 * languages and in several wordings: a class fixed for one sentence fails here on the next.
 */
const TPM = "training-project-manager";

let understanding: RuleBasedUnderstanding;
beforeAll(async () => {
  understanding = await shippedUnderstanding();
});

const read = (text: string) => {
  const { intent, roles } = understanding.understand(text);
  return { intent, roles };
};

/** One test per message: it is read as the user command beside it, before any understanding. */
function commandsEach(cases: readonly (readonly [string, string])[]): void {
  it.each(cases)("%s is the %s command", (text, command) => {
    expect(userCommand(text)).toBe(command);
  });
}

/** One test per message: it reads as the intent and the roles beside it. */
function readsEach(cases: readonly (readonly [string, string, readonly string[]])[]): void {
  it.each(cases.map(([text, intent, roles]) => [text, intent, [...roles]] as const))("%s", (text, intent, roles) => {
    expect(read(text)).toEqual({ intent, roles });
  });
}

describe("small talk gets its own intent, never the out-of-scope one", () => {
  it.each([
    ["thanks!", "thanks"],
    ["thank you so much, that was helpful", "thanks"],
    ["thanks for your help", "thanks"],
    ["merci beaucoup !", "thanks"],
    ["super, merci", "thanks"],
    ["merci, c'était très utile", "thanks"],
    ["bye!", "goodbye"],
    ["see you later", "goodbye"],
    ["thanks, bye", "goodbye"],
    ["au revoir", "goodbye"],
    ["merci et bonne journée", "goodbye"],
    ["ok", "ok"],
    ["cool", "ok"],
    ["got it", "ok"],
    ["d'accord", "ok"],
    ["très bien", "ok"],
  ])("%s is %s", (text, intent) => {
    expect(read(text)).toEqual({ intent, roles: [] });
  });

  it("is read in the language it is said in", () => {
    expect(understanding.understand("d'accord", { fallbackLocale: "en" }).locale).toBe("fr");
    expect(understanding.understand("thank you", { fallbackLocale: "fr" }).locale).toBe("en");
  });

  it("gives way to a question said with it", () => {
    expect(read("thanks! and what does a DLM do?")).toEqual({ intent: "role.describe", roles: [DLM] });
    expect(read("ok, et ses compétences ?")).toEqual({ intent: "role.skills", roles: [] });
  });
});

describe("asking what Parcours can do, in other words than help", () => {
  it.each(["what can you do?", "how does this work", "what are you for?", "how do I use you?", "what kind of questions can I ask?", "tu sers à quoi ?", "comment ça marche ?", "qu'est-ce que tu sais faire ?", "à quoi sert ce bot ?", "comment je t'utilise ?"])(
    "%s",
    (text) => {
      expect(read(text)).toEqual({ intent: "help", roles: [] });
    },
  );

  it("is not a request for help when it is about something else", () => {
    expect(read("mon mot de passe outlook a expiré, tu peux m'aider ?").intent).toBe("unknown");
  });
});

describe("the names people use for the catalogue's roles", () => {
  it.each([
    ["what is an L&D manager?", TM],
    ["what does the head of L&D do?", TM],
    ["what does a learning and development manager do?", TM],
    ["c'est quoi un responsable des formations ?", TM],
    ["que fait une directrice de la formation ?", TM],
    ["what's an instructional designer?", LD],
    ["what does an e-learning designer do?", LD],
    ["c'est quoi une ingénieure pédagogique ?", LD],
    ["que fait un concepteur e-learning ?", LD],
    ["c'est quoi un ingénieur du savoir ?", LA],
    ["qu'est-ce qu'un architecte du savoir ?", LA],
    ["what is a learning solutions architect?", LA],
    ["what does an e-learning manager do?", DLM],
    ["c'est quoi un responsable e-learning ?", DLM],
    ["what is a training coordinator?", TPM],
    ["c'est quoi une chargée de formation ?", TPM],
    ["what does a trainer do?", TRAINER],
    ["c'est quoi un formateur métier ?", TRAINER],
    ["c'est quoi une resp formation ?", TM],
    ["c'est quoi un ingé péda ?", LD],
    ["what does a learning ecosystem architect do?", LA],
    ["what is a training PM?", TPM],
    ["que fait un responsable FOAD ?", DLM],
    ["what does a head of e-learning do?", DLM],
  ])("%s", (text, role) => {
    expect(read(text)).toEqual({ intent: "role.describe", roles: [role] });
  });

  it("reads the source document's phrase for the Digital Learning Manager", () => {
    expect(read("qui sont les responsables formation digitaux ?")).toEqual({ intent: "role.profile", roles: [DLM] });
  });

  it.each(["what's a personal trainer?", "c'est quoi un concepteur rédacteur ?", "c'est quoi un concepteur web ?", "what does a fitness instructor do?"])(
    "never reads another job that holds a role's name as that role: %s",
    (text) => {
      expect(read(text)).toEqual({ intent: "unknown", roles: [] });
    },
  );
});

describe("an order with a role is that action, not a description", () => {
  it.each([
    ["evaluate me as a DLM", "assessment.start", [DLM]],
    ["please rate me as an instructional designer", "assessment.start", [LD]],
    ["évalue-moi sur le métier de responsable formation", "assessment.start", [TM]],
    ["sonde l'équipe sur le métier de formateur", "survey.start", [TRAINER]],
    ["interroge mon équipe sur les compétences de concepteur pédagogique", "survey.start", [LD]],
    ["poll the team about learning architect skills", "survey.start", [LA]],
    ["announce the learning designer bootcamp to everyone", "announcement.create", [LD]],
    ["annonce le parcours DLM à toute l'équipe", "announcement.create", [DLM]],
  ])("%s", (text, intent, roles) => {
    expect(read(text)).toEqual({ intent, roles });
  });

  it("reads the people told as the audience, not as the announcement's role", () => {
    expect(read("préviens les formateurs que la promo DLM ouvre lundi")).toEqual({ intent: "announcement.create", roles: [DLM] });
  });
});

describe("which jobs exist, in other words than 'list the roles'", () => {
  it.each(["what jobs are there in L&D?", "what careers are there in learning and development?", "which positions does the training team have?", "quels métiers dans la formation ?", "quels sont les postes de l'équipe formation ?", "quels métiers existent en L&D ?"])(
    "%s",
    (text) => {
      expect(read(text)).toEqual({ intent: "role.list", roles: [] });
    },
  );
});

describe("informal comparisons keep every role and the comparison", () => {
  it.each([
    ["difference between a trainer and a training manager", [TRAINER, TM]],
    ["DLM vs LA", [DLM, LA]],
    ["formateur ou concepteur pédagogique ?", [TRAINER, LD]],
    ["DLM, LA and LD?", [DLM, LA, LD]],
    ["compare RF, DLM et LA", [TM, DLM, LA]],
  ])("%s", (text, roles) => {
    expect(read(text)).toEqual({ intent: "role.compare", roles });
  });
});

describe("how long the training takes is the path, not the profile's figures", () => {
  it.each([
    ["combien d'heures pour devenir DLM ?", DLM],
    ["combien de temps pour devenir responsable formation ?", TM],
    ["how long does it take to become a learning architect?", LA],
    ["how many hours of training for a learning designer?", LD],
  ])("%s", (text, role) => {
    expect(read(text)).toEqual({ intent: "role.path", roles: [role] });
  });

  it("leaves counts of people to the profile", () => {
    expect(read("combien de DLM sont des femmes ?")).toEqual({ intent: "role.profile", roles: [DLM] });
  });
});

describe("a person, not a role", () => {
  it.each([
    ["who is our DLM?", [DLM]],
    ["who's our training manager?", [TM]],
    ["qui est notre responsable formation ?", [TM]],
    ["c'est qui le RF ici ?", [TM]],
    ["who should I contact about training?", []],
    ["à qui m'adresser pour une formation ?", []],
  ])("%s", (text, roles) => {
    expect(read(text)).toEqual({ intent: "person.lookup", roles });
  });

  it("keeps 'who are DLMs?' a question on the role", () => {
    expect(read("who are our DLMs?")).toEqual({ intent: "role.profile", roles: [DLM] });
  });
});

describe("the user's current role, stated in words, is where a career move starts", () => {
  it.each([
    ["I'm a trainer, how can I move to learning design?", [LD, TRAINER]],
    ["je suis formateur, comment devenir concepteur ?", [LD, TRAINER]],
    ["je suis responsable formation, je veux devenir DLM", [DLM, TM]],
    ["as a training coordinator, how do I become a training manager?", [TM, TPM]],
    ["I work as an instructional designer; what's the path to LA?", [LA, LD]],
  ])("%s", (text, roles) => {
    expect(read(text)).toEqual({ intent: "role.path", roles });
  });
});

describe("a clear intent whose role is not named", () => {
  it.each([
    ["what about its skills, then?", "role.skills"],
    ["et le parcours ?", "role.path"],
    ["and the training path?", "role.path"],
    ["training path?", "role.path"],
    ["how do I get there?", "role.path"],
    ["qui l'exerce ?", "role.profile"],
    ["compare them", "role.compare"],
    ["les comparer ?", "role.compare"],
    ["tell me more", "role.describe"],
  ])("%s is %s with no role", (text, intent) => {
    expect(read(text)).toEqual({ intent, roles: [] });
  });

  it("keeps the one role named when the other is the conversation's", () => {
    expect(read("compare with DLM")).toEqual({ intent: "role.compare", roles: [DLM] });
    expect(read("et par rapport au RF ?")).toEqual({ intent: "role.compare", roles: [TM] });
  });

  it.each(["what skills does a data scientist need?", "what does a software architect do?", "comment devenir infirmier ?", "what is L&D?"])(
    "names something the catalogue does not know: %s",
    (text) => {
      expect(read(text)).toEqual({ intent: "unknown", roles: [] });
    },
  );
});

describe("where a role is going and how sought it is, the profile's outlook", () => {
  it.each([
    ["is there much demand for instructional designers these days?", LD],
    ["what does the future look like for e-learning managers?", DLM],
    ["how is the job market for L&D managers?", TM],
    ["les formateurs sont-ils recherchés ?", TRAINER],
    ["y a-t-il des débouchés pour un DLM ?", DLM],
    ["quel avenir pour le métier de concepteur pédagogique ?", LD],
  ])("%s", (text, role) => {
    expect(read(text)).toEqual({ intent: "role.profile", roles: [role] });
  });

  it.each([
    ["what are the career prospects for a trainer?", TRAINER],
    ["quelles perspectives d'évolution pour un formateur ?", TRAINER],
    ["I want to become a DLM in the future", DLM],
  ])("leaves a career's prospects to the path: %s", (text, role) => {
    expect(read(text)).toEqual({ intent: "role.path", roles: [role] });
  });
});

describe("how people come into a role, and where they go from it, is the path", () => {
  it.each([
    ["how did most people end up as learning architects?", LA],
    ["which jobs do people hold before becoming a training manager?", TM],
    ["quels postes avant de devenir DLM ?", DLM],
    ["comment on arrive au poste de responsable formation ?", TM],
    ["where can an instructional designer go next?", LD],
    ["what's the next step after being a training coordinator?", TPM],
    ["après formateur, on va où ?", TRAINER],
    ["quelle est la prochaine étape après concepteur pédagogique ?", LD],
    ["quelles passerelles existent depuis le métier de formateur ?", TRAINER],
  ])("%s", (text, role) => {
    expect(read(text)).toEqual({ intent: "role.path", roles: [role] });
  });

  it("leaves who the holders are to the profile", () => {
    expect(read("what sort of people end up as DLMs?")).toEqual({ intent: "role.profile", roles: [DLM] });
  });
});

describe("a move between two roles, however it is put, is the path to the target", () => {
  it.each([
    ["I'm an SME trainer, I want to step up to training manager", [TM, TRAINER]],
    ["trainer -> DLM, realistic?", [DLM, TRAINER]],
    ["formateur → concepteur pédagogique, faisable ?", [LD, TRAINER]],
    ["I'm a training PM hoping to move into instructional design, what am I missing?", [LD, TPM]],
    ["je suis cdp formation et je vise le poste de RF, qu'est-ce qui me manque ?", [TM, TPM]],
    ["concepteur qui voudrait monter DLM, comment faire ?", [DLM, LD]],
  ])("%s", (text, roles) => {
    expect(read(text)).toEqual({ intent: "role.path", roles });
  });
});

describe("what one must be able to do in a role is its skills", () => {
  it.each([
    ["what should a learning architect be able to do?", LA],
    ["what must an L&D PM be able to handle?", TPM],
    ["qu'est-ce qu'un formateur doit être capable de faire ?", TRAINER],
  ])("%s", (text, role) => {
    expect(read(text)).toEqual({ intent: "role.skills", roles: [role] });
  });
});

describe("asking to be tested, to ask the team, or to publish, in other words", () => {
  it.each([
    ["how good am I as an instructional designer?", "assessment.start", [LD]],
    ["where can I take the skills test for DLM?", "assessment.start", [DLM]],
    ["je voudrais passer le test de compétences de formateur", "assessment.start", [TRAINER]],
    ["can I ask my team about their DLM skills?", "survey.start", [DLM]],
    ["je veux interroger mes collaborateurs sur les compétences de formateur", "survey.start", [TRAINER]],
    ["publier : le parcours formateur ouvre demain", "announcement.create", [TRAINER]],
    ["communiquer : la session DLM est reportée à jeudi", "announcement.create", [DLM]],
  ])("%s", (text, intent, roles) => {
    expect(read(text)).toEqual({ intent, roles });
  });
});

describe("chat shorthand and the bot's own name", () => {
  it.each([
    ["tks!", "thanks"],
    ["merci bcp !", "thanks"],
    ["mrc", "thanks"],
    ["a+ !", "goodbye"],
    ["@+", "goodbye"],
  ])("%s is %s", (text, intent) => {
    expect(read(text)).toEqual({ intent, roles: [] });
  });

  it.each(["@parcours roles please", "métiers ?", "rôles ?", "the different roles in L&D?", "les différents métiers de la formation ?"])("%s asks for the list", (text) => {
    expect(read(text)).toEqual({ intent: "role.list", roles: [] });
  });

  it("reads a question addressed to the bot by name as the question", () => {
    expect(read("@Parcours c'est quoi un DLM ?")).toEqual({ intent: "role.describe", roles: [DLM] });
  });

  it("keeps a comparison of jobs left unnamed a comparison", () => {
    expect(read("compare les deux métiers")).toEqual({ intent: "role.compare", roles: [] });
  });
});

describe("the user's own results and data, in other words than the commands", () => {
  it.each([
    ["what were my last self-assessment scores?", "results"],
    ["combien j'ai eu au dernier test ?", "results"],
    ["mes anciens résultats d'évaluation", "results"],
    ["please erase whatever you keep about me", "delete-data"],
    ["supprime tout ce que tu sais de moi", "delete-data"],
  ])("%s", (text, command) => {
    expect(userCommand(text)).toBe(command);
  });

  it("leaves other people's results and role questions alone", () => {
    expect(userCommand("what are my team's results?")).toBeUndefined();
    expect(userCommand("what does a DLM do?")).toBeUndefined();
  });
});

describe("words clipped in chat, in a role's name or around it", () => {
  it.each([
    ["what does a training mgr actually do?", "role.describe", [TM]],
    ["skills for a learning archi?", "role.skills", [LA]],
    ["l'archi péda, il fait quoi ?", "role.describe", [LA]],
    ["c'est quoi un resp elearning ?", "role.describe", [DLM]],
    ["respo formation : quelles compétences ?", "role.skills", [TM]],
    ["what is learning project mgmt about?", "role.describe", [TPM]],
  ])("%s", (text, intent, roles) => {
    expect(read(text)).toEqual({ intent, roles });
  });

  it("never reads a word a letter from a role's name as the role", () => {
    expect(read("how do I get trained to become a learning designer?")).toEqual({ intent: "role.path", roles: [LD] });
    expect(read("can a trainee become a DLM one day?")).toEqual({ intent: "role.path", roles: [DLM] });
  });
});

describe("a move said with any form of the verb, or back to a former role, is the path", () => {
  it.each([
    ["I'm a trainer and considering shifting to a DLM job", [DLM, TRAINER]],
    ["I'm an LA and I'd love to go back to being a learning designer", [LD, LA]],
    ["je suis formatrice, je pourrais basculer concepteur ?", [LD, TRAINER]],
    ["je suis RF mais j'ai envie de revenir à un poste de formateur", [TRAINER, TM]],
    ["As a trainer, what's the path for a learning designer?", [LD, TRAINER]],
    ["Comme formateur, quelles étapes pour un DLM ?", [DLM, TRAINER]],
  ])("%s", (text, roles) => {
    expect(read(text)).toEqual({ intent: "role.path", roles });
  });

  it.each([
    ["how do you get qualified as a learning architect?", LA],
    ["quelle certif pour être RF ?", TM],
    ["parcours concepteur pédagogique stp", LD],
    ["je suis RF, c'est quoi la suite pour moi ?", TM],
    ["les gens arrivent au métier de concepteur comment, en général ?", LD],
    ["what's a good next move for a training coordinator?", TPM],
  ])("%s", (text, role) => {
    expect(read(text)).toEqual({ intent: "role.path", roles: [role] });
  });
});

describe("whether a role grows or there is work in it is the profile's outlook", () => {
  it.each([
    ["is instructional design a growing field or a niche?", LD],
    ["is instructional design a dying job?", LD],
    ["le métier de RF est-il en déclin ?", TM],
    ["y a-t-il du boulot pour les concepteurs pédagogiques ?", LD],
  ])("%s", (text, role) => {
    expect(read(text)).toEqual({ intent: "role.profile", roles: [role] });
  });
});

describe("the roles counted, a job ad seen, what one must be good at", () => {
  it.each(["remind me of your 6 roles", "c'est quoi tes 8 rôles ?"])("%s asks for the list", (text) => {
    expect(read(text)).toEqual({ intent: "role.list", roles: [] });
  });

  it.each([
    ["j'ai vu passer une annonce de DLM, il fait quoi ?", DLM],
  ])("%s", (text, role) => {
    expect(read(text)).toEqual({ intent: "role.describe", roles: [role] });
  });

  it.each([
    ["what do you have to be good at to be a trainer?", TRAINER],
    ["what does a trainer need to know how to do?", TRAINER],
  ])("%s asks for the skills", (text, role) => {
    expect(read(text)).toEqual({ intent: "role.skills", roles: [role] });
  });
});

describe("asking whether one is up to a role is a self-assessment", () => {
  it.each([
    ["am I ready to be a learning architect?", LA],
    ["suis-je une bonne conceptrice ? on vérifie", LD],
    ["est-ce que je suis prête pour être RF ?", TM],
    ["lancer l'auto-éval DLM", DLM],
  ])("%s", (text, role) => {
    expect(read(text)).toEqual({ intent: "assessment.start", roles: [role] });
  });
});

describe("a role that speaks, or the user's own, is not what the message is about", () => {
  it.each([
    ["my learning architect told me to check my skills here", "assessment.start", []],
    ["notre RF m'a dit de te demander ce que tu sais faire", "help", []],
    ["our DLM suggested I ask you what you can do", "help", []],
    ["je suis RF et je dois annoncer la formation sécurité à toute l'entreprise", "announcement.create", []],
    ["send a quick note to @paul and @ines about Friday's workshop", "announcement.create", []],
    ["envoie un petit mot à @lea pour l'atelier de vendredi", "announcement.create", []],
  ])("%s", (text, intent, roles) => {
    expect(read(text)).toEqual({ intent, roles });
  });
});

describe("thanks said first, a person named, erasure of one's history", () => {
  it.each(["Thanks a lot for taking the time to walk me through all of this.", "Merci beaucoup pour ta patience et toutes ces explications détaillées"])(
    "%s is thanks",
    (text) => {
      expect(read(text)).toEqual({ intent: "thanks", roles: [] });
    },
  );

  it.each([
    ["who is Marc Dubois?", []],
    ["c'est qui Claire Martin ?", []],
    ["who is the learning designer in the Lyon office?", [LD]],
    ["qui est la responsable formation à Lille ?", [TM]],
  ])("%s asks for a person", (text, roles) => {
    expect(read(text)).toEqual({ intent: "person.lookup", roles });
  });

  it("leaves the bot's own name to help", () => {
    expect(read("who is Parcours?")).toEqual({ intent: "help", roles: [] });
  });

  it.each(["please clear my whole history", "can you delete my personal data?", "supprime mon historique d'évaluations"])("%s erases the user's data", (text) => {
    expect(userCommand(text)).toBe("delete-data");
  });
});

describe("set-e round: Slack-style messages, by class", () => {
  readsEach([
    // A topic set aside is not what is asked (cue file: dismissed).
    ["forget about the skills, what does an instructional designer actually do?", "role.describe", [LD]],
    ["pas besoin des compétences, juste le métier de responsable formation", "role.describe", [TM]],
    // Clipped names in the plural, and the French clipping of the project manager.
    ["is there demand for L&D PMs these days", "role.profile", [TPM]],
    ["un CP formation fait quoi exactement", "role.describe", [TPM]],
    // Where a role leads, and what leads to it.
    ["what comes above a DLM, what does it lead to", "role.path", [DLM]],
    ["un concepteur pédagogique, ça mène à quoi ?", "role.path", [LD]],
    ["quels métiers mènent à architecte learning", "role.path", [LA]],
    // Testing oneself, the check by its name.
    ["want to quiz myself as a training manager", "assessment.start", [TM]],
    ["je veux me tester en tant que DLM", "assessment.start", [DLM]],
    ["where's the test", "assessment.start", []],
    // Who holds the role: where they come from, where they work, whether it lasts.
    ["les responsables formation, c'est en majorité d'anciens managers ?", "role.profile", [TM]],
    ["will AI make the learning designer disappear", "role.profile", [LD]],
    // The roles Parcours knows, asked as what one may ask about.
    ["which roles can I ask you about?", "role.list", []],
    // Help said with the user's own role, and chat spelling.
    ["I'm a DLM, what am I supposed to ask you", "help", []],
    ["what can u help with, what can u do", "help", []],
    ["gm", "greeting", []],
    // A person named with "do you know", or a holder by what they do.
    ["do you know Samir from the training team?", "person.lookup", []],
    ["qui est la responsable formation qui gère le budget ?", "person.lookup", [TM]],
    // People who must be told.
    ["the sales managers need to know that the onboarding module moved to Friday", "announcement.create", []],
    ["@lea doit savoir que la session est annulée, tu peux lui dire ?", "announcement.create", []],
    // The aim said plainly, after the role held now.
    ["formateur interne, je me verrais bien concepteur pédagogique, comment je fais ?", "role.path", [LD, TRAINER]],
    ["chef de projet formation, j'aimerais passer DLM", "role.path", [DLM, TPM]],
  ]);

  commandsEach([
    ["my quiz history", "results"],
    ["récap de mes évals", "results"],
    ["what was my result last week?", "results"],
    ["efface toutes mes réponses stp", "delete-data"],
    ["stop keeping my info, delete everything", "delete-data"],
  ]);
});

describe("long messages: the context first, the request last (set g)", () => {
  readsEach([
    // Roles named in the context sentences are who people are; the question names the subject.
    ["My buddy on the project is an instructional designer. We were chatting about careers. What does a learning architect actually do?", "role.describe", [LA]],
    ["Mon N+1 est responsable formation et il m'a parlé de toi. Du coup, c'est quoi un digital learning manager ?", "role.describe", [DLM]],
    // The user's own role stays the start of a move, wherever it is said.
    ["I'm an SME trainer in the sales academy. My manager is great. How would I become a DLM?", "role.path", [DLM, TRAINER]],
    // A question that names no role is about every role of the message.
    ["A training project manager is joining our rollout next month. What will they do exactly?", "role.describe", [TPM]],
    // A comparison asked after the context keeps the roles it weighs.
    ["I know what an LA is. How is a DLM different?", "role.compare", [LA, DLM]],
    // The user's role said first: "X here", « X depuis … », "as a X" after a hello.
    ["hello, trainer here (5 years in retail). How do I become a learning designer?", "role.path", [LD, TRAINER]],
    ["RF depuis 6 ans, comment devenir learning architect ?", "role.path", [LA, TM]],
    ["Hi, as a DLM I wonder: could I become a learning architect?", "role.path", [LA, DLM]],
    // Who someone around the user is, said in passing.
    ["my mentor is a learning architect but I want to know what a training manager does", "role.describe", [TM]],
    ["ma tutrice est conceptrice pédagogique, mais moi je voudrais savoir ce que fait un RF", "role.describe", [TM]],
    // "ID", « IP »: the learning designer, in capitals; an ID card or an IP address is not.
    ["I'm an ID, could I move to DLM?", "role.path", [DLM, LD]],
    ["je suis IP, je peux devenir LA ?", "role.path", [LA, LD]],
    ["my employee ID does not work on the portal", "unknown", []],
    ["quelle est mon adresse IP ?", "unknown", []],
    // A facilitator is a trainer; a facilitator guide is a document.
    ["what skills does a workshop facilitator need?", "role.skills", [TRAINER]],
    // Someone's announcement, reported, is no announcement to send.
    ["The CEO mentioned learning designers at the all-hands. What do they do?", "role.describe", [LD]],
    ["La direction m'annonce qu'un DLM arrive. Il fera quoi ?", "role.describe", [DLM]],
    ["my colleague asked how to become an LA and I didn't know what to tell him, what's the path?", "role.path", [LA]],
    // A person named with a capital first, then why they are asked about.
    ["Do you know who Marc Dubois is? He sent me an invite.", "person.lookup", []],
    ["Tu sais qui est Inès Martin ? Elle m'a écrit ce matin.", "person.lookup", []],
    ["who's the training manager for the Lille site?", "person.lookup", [TM]],
    // A hello with who is saying it; a goodbye for the day.
    ["Good morning! My name is Aziz, I just joined the ops team in Porto.", "greeting", []],
    ["Coucou ! Moi c'est Léa, je viens d'arriver à l'agence de Nantes.", "greeting", []],
    ["Bon, c'est tout pour aujourd'hui, bonne soirée à l'équipe !", "goodbye", []],
    // Pay in other words, and comparisons side by side.
    ["is there a bonus for trainers who run many sessions?", "unknown", []],
    ["la grille salariale des formateurs est la même partout ?", "unknown", []],
    ["put the DLM and the LA side by side please", "role.compare", [DLM, LA]],
    ["mets le RF et le DLM côte à côte", "role.compare", [TM, DLM]],
  ]);

  commandsEach([
    ["I'd like all my personal data removed from this bot", "delete-data"],
    ["je voudrais que mes données soient supprimées", "delete-data"],
  ]);
});

describe("a word of either language is no typo of a cue word", () => {
  readsEach([
    // "wonder" is one letter from « sonder » (to survey), "pooled" two from "poll".
    ["I wonder what a learning designer does", "role.describe", [LD]],
    ["we pooled our notes: what skills does a DLM need?", "role.skills", [DLM]],
    // A cue word's plural is still the cue word, and a real typo is still read.
    ["what are the usual routes into the LA role?", "role.path", [LA]],
    ["what competances does a training manager need?", "role.skills", [TM]],
  ]);
});

describe("roles said by their work, and what a longer message keeps (set j)", () => {
  readsEach([
    // The user's job said by what they do is where a move starts.
    ["I run the onboarding sessions for new hires. How do I become a learning designer?", "role.path", [LD, TRAINER]],
    ["J'anime les ateliers sécurité depuis deux ans, je pourrais devenir chef de projet formation ?", "role.path", [TPM, TRAINER]],
    ["I manage our LMS and the catalogue, could I move up to head of L&D?", "role.path", [TM, DLM]],
    ["je conçois les modules e-learning de la banque, comment devenir learning architect ?", "role.path", [LA, LD]],
    // And a job asked about by what it does.
    ["what does someone need to be good at to run our LXP?", "role.skills", [DLM]],
    // The aim said before the question stays; a role that is all the message names stays too.
    ["I want to become an LA. Is it realistic for a trainer?", "role.path", [LA, TRAINER]],
    ["he's a DLM, what does that involve?", "role.describe", [DLM]],
    ["my mentor is an LA, what does a DLM do?", "role.describe", [DLM]],
    // A plural of an everyday word is no short cue word.
    ["do DLMs write posts in Slack?", "role.describe", [DLM]],
    ["do learning designers use polls in sessions?", "role.describe", [LD]],
    // "i.e." and "2.5" end no sentence.
    ["We have 2.5 trainers, i.e. not many. What does a DLM do?", "role.describe", [DLM]],
  ]);

  it.each(["Are my data deleted after 30 days?", "I don't want my data removed", "mes données seront supprimées quand ?", "je ne veux pas que mes données soient effacées"])(
    "%s is no delete command",
    (text) => {
      expect(userCommand(text)).not.toBe("delete-data");
    },
  );

  it("erases on a wish said with what is kept about the user", () => {
    expect(userCommand("I'm leaving next month and I'd like everything you've stored about me removed")).toBe("delete-data");
  });
});

describe("set j's other classes, in other words", () => {
  readsEach([
    ["what degrees do learning architects usually have?", "role.profile", [LA]],
    ["is anyone still hiring DLMs, or is that market saturated?", "role.profile", [DLM]],
    ["le métier de formateur, il recrute encore ?", "role.profile", [TRAINER]],
    ["What are the different training jobs in this company?", "role.list", []],
    ["what can you help with?", "help", []],
    ["Tu peux publier un message dans #general sur la formation sécurité ?", "announcement.create", []],
    // A figure "per year" is no pay question; a payslip is.
    ["I deliver trainings about 20 days per year, how do I become a learning designer?", "role.path", [LD, TRAINER]],
    ["ma fiche de paie n'a pas changé depuis que je suis formatrice", "unknown", []],
    // A job ad written, an arrival announced to the user: no announcement to send.
    ["c'est moi qui rédige l'annonce pour le poste de commercial, quelles compétences mettre ?", "unknown", []],
    ["on nous annonce un DLM pour janvier, il fera quoi ?", "role.describe", [DLM]],
  ]);

  commandsEach([
    ["can I see the results of my last self assessment?", "results"],
    ["les résultats de ma dernière évaluation stp", "results"],
  ]);
});

describe("set l's classes, in other words", () => {
  readsEach([
    ["quelles sont les missions d'un responsable LMS ?", "role.describe", [DLM]],
    ["je suis formateur, quelles compétences faut-il pour être chef de projet formation ?", "role.skills", [TPM]],
    ["I'm a DLM, what skills do I need to become a learning architect?", "role.skills", [LA, DLM]],
    ["lance le test learning designer stp", "assessment.start", [LD]],
    ["je cherche le contact du responsable formation de Lyon", "person.lookup", [TM]],
    ["qui est Paul Martin dans l'équipe formation ?", "person.lookup", []],
    ["la formation sécurité est-elle obligatoire pour tout le personnel ?", "unknown", []],
    ["mon CPF peut financer une formation de DLM ?", "unknown", []],
    ["quels diplômes ont les learning architects en général ?", "role.profile", [LA]],
    ["je coordonne les déploiements de formations en région, comment devenir DLM ?", "role.path", [DLM, TPM]],
  ]);

  it("reads the result of the last diagnostic as the results command", () => {
    expect(userCommand("tu peux me renvoyer le résultat de mon dernier diagnostic ?")).toBe("results");
  });
});
