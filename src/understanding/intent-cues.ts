import type { Intent } from "./understanding.js";

/**
 * Phrases that signal each intent, matched on folded text (no accents, lower case, single
 * spaces) with role names already masked out, so "chef de projet formation" never reads as a
 * question about training. Weights rank intents when several cues appear in one question.
 */
export type CueIntent = Exclude<Intent, "unknown">;

const cue = (source: string) => new RegExp(`(?:^| )(?:${source})(?= |$)`);

export const INTENT_CUES: Record<CueIntent, { pattern: RegExp; weight: number }[]> = {
  "role.describe": [
    { pattern: cue("c est quoi|cest quoi|c quoi|c koi|ckoi|c est koi|qu est ce qu?e?|quest ce qu?e?|que fait|que font|fait quoi|font quoi|qu est ce que fait"), weight: 2 },
    { pattern: cue("what does|what do|what is|what s|whats|what are|who is|describe|decri[sret]*|definition|define|definir"), weight: 2 },
    { pattern: cue("typical day|journee type|a typical day|une journee|genre de poste|type de poste|genre de job|kind of job|kind of role|what kind of role"), weight: 3.5 },
    { pattern: cue("role d[eu]?|role of|missions?|tell me about|parle[sz]? moi d[eu]?|explain|explique[sz]?|en quoi consiste|job of|metier d[eu]?|mean|meaning|signifie|veut dire|do all day|day to day|quotidien|responsibilities|responsabilites|taches|tasks|duties|overview|presente moi|presentation"), weight: 1.5 },
  ],
  "role.skills": [
    { pattern: cue("competences?|competances?|competence|skills?|skils?|skillz|skillset|savoir faire|know how|expected of|attendu|attendues|requis|required|savoir etre|aptitudes?|qualites|qualities|expertise|connaissances|knowledge|abilit(?:y|ies)|capabilities|competencies|competency"), weight: 3 },
    { pattern: cue("need to know|need to master|faut il savoir|doit savoir|maitriser|good at|bon en|tools|outils|toolbox|boite a outils|on attend|attend on|techniquement|technically"), weight: 2 },
  ],
  "role.path": [
    { pattern: cue("devenir|deviens|devient|devenu|become|becomes|becoming|path|paths|go from|get from|move from|go to|aller de|reconversion|reconvertir|me reconvertir|career|carriere|evoluer|evolution|transition|switch|move into|move to|passer|get into|train to be|train as|se former|me former|training path|learning path|parcours (?:de formation|pour|vers|type)|quel parcours|un parcours|le parcours|cursus|roadmap|chemin|passe|passes|reskilling|upskilling|upskill|reskill|route|growth path|move up|etapes|steps|next steps|pathway|formations?|training|courses?|modules?|programme|program|diplome|diplomes|degree|degrees|certification|certifications|promoted|promotion|promu|get promoted|apprendre|learn|study|etudes|road to|how to be"), weight: 2.5 },
    { pattern: cue("vers|towards|into"), weight: 0.5 },
  ],
  "role.compare": [
    { pattern: cue("difference|differences|different|differente|differ|differe|differencie|differencier|distingue|distinguer|diff|compare|comparer|comparaison|comparison|vs|versus|contrairement|unlike|same as|meme chose|pareil|plutot|points communs|en commun|in common|same thing|basically the same|which is better|better for me|which one|lequel|laquelle|lequel choisir|le mieux|distinguishes|distinguish|qu est ce qui change|what changes|recoupe|recoupent|overlap|overlaps|similar|similaire|similaires|ressemble|ressemblent"), weight: 4 },
    { pattern: cue("between|entre"), weight: 2 },
  ],
  "role.profile": [
    { pattern: cue("qui sont|who are|profil|profils|profile|profiles|chiffres?|figures?|statisti\\w*|stats|combien|how many|pourcentage|percentage|percent|age|ages|old|young|jeunes?|femmes?|women|woman|female|hommes|men|gender|sexe|demograph\\w*|typical|typique|population|survey of|anciennete|seniority|niveau d etudes|niveau de diplome|background|backgrounds|come from|viennent|d ou viennent|qui occupe|who works|who holds|qui exerce|qui exercent|kind of people|what people|end up|ex|quel genre de|profil type|people who|personnes qui|headcount|effectifs?|years of experience|annees d experience|average|avg|moyenne|by country|par pays"), weight: 3 },
    { pattern: cue("en general|generalement|typically|typiquement|usually|d habitude"), weight: 1 },
  ],
  "role.list": [
    { pattern: cue("liste[rz]?|list|lists|catalogue|catalog|all roles|all the roles|tous les metiers|tous les roles|which roles|what roles|quels metiers|quels roles|quels postes|what jobs|which jobs|roles do you know|metiers connais|connais tu|do you know|available roles|metiers disponibles|roles available|metiers du l ?d|l d roles|ld roles|jobs in l ?d|metiers de la formation|que tu connais|que vous connaissez|you know|les metiers|the roles|montre moi les metiers|show me the roles|tu connais|vous connaissez|do you have info|info on|which positions|what positions|quels jobs|quels postes|what jobs|jobs do you|ta base|votre base|your database|que t as|que tu as|you cover|every role|each role|chaque metier|jobs exist|roles exist|metiers existent|what jobs are there|which jobs|quels metiers existent|l d jobs|jobs in l d"), weight: 2 },
  ],
  // Named about oneself ("assess me", "évaluer mes compétences"), an assessment is asked for;
  // "evaluate a course" or "the needs assessment" is a question about the work, weighed lower.
  "assessment.start": [
    { pattern: cue("self check|self checks|gauge my|autodiagnostic|auto diagnostic|test de positionnement|ou j en suis|where i stand|self assesment|assesment|self asessment|quiz me|teste moi|faire le point sur mes|point sur mes competences|m evaluer|me evaluer|evaluer mes|evalue moi|evaluez moi|evaluer moi|evaluate me|evaluate my|self evaluate|rate my|rate myself|assess me|assess my|assess myself|test me|auto ?evaluation|autoevaluation|self ?assessment|self ?assess|test my skills|tester mes|bilan de competences|mon niveau|my level|where do i stand|me positionner|m auto evaluer|skills check|check my skills|my gaps|mes lacunes|mes ecarts"), weight: 4 },
    { pattern: cue("evaluer|evalue|evaluez|evaluate|evaluating|evaluation|assess|assessment|bilan|quiz|diagnostic|gap analysis"), weight: 2 },
    { pattern: cue("mes competences|my skills|mon profil|my profile|je veux|i want|i d like|j aimerais|je voudrais|moi|start|take|begin|lancer|demarrer|commencer|can i|puis je|passer une?"), weight: 1.5 },
  ],
  "survey.start": [
    // The noun must be there: "start … in my team" is no survey.
    // Named outright, a survey is the request ("sondage compétences DLM"); "a survey of DLMs" is about the role.
    { pattern: cue("sondage|sondages|survey(?! of| says?| said| shows?| found)|enquete(?! (?:dit|montre|indique))|questionnaire|poll|sonder|sondez|sonde"), weight: 3 },
    { pattern: cue("campagne d evaluation|campagne d evaluations|evaluation campaign|skills campaign"), weight: 3 },
    { pattern: cue("lancer|lance|launch|start|create|creer|send|envoyer|run|faire|organiser|organise|set up|set it up|kick off|kickoff|demarrer|commencer|begin"), weight: 0.5 },
    { pattern: cue("mon equipe|my team|team skills|competences de l equipe|de mon equipe|our team|notre equipe|mes collaborateurs|my reports|equipe|team|service|departement|department|collaborateurs|direct reports|reports|my people|their skills|leurs competences|i manage|je manage|j encadre"), weight: 0.5 },
  ],
  "announcement.create": [
    { pattern: cue("annonce[rz]?|annonces|announce|announcement|diffuse[rz]?|broadcast|envoyer un message|send a message|send an announcement|message to all|message a tous|post in|poster dans|faire passer|blast|let everyone know|tell everyone|inform everyone|faire savoir|prevenir tout le monde|all staff|tout le personnel"), weight: 4 },
    // Telling people, not asking the bot: "tell me about", "let me know", « préviens-moi » stay questions,
    // and so does a role's own work ("what does a DLM tell stakeholders?", the role masked as "_").
    { pattern: cue("(?<!(?:^| )(?:_|does|do|they|il|elle|ils|elles|qui|who) )(?:tell(?! (?:me|us|myself|the difference|apart|if|whether|how|what|why|which|who|when|where|more)(?: |$))|let(?! (?:me|us) )(?: \\S+){1,6} know|(?:inform|notify|remind)(?! (?:me|us|myself)(?: |$))|(?:previens|prevenir|prevenez|informe|informer|informez)(?! (?:moi|nous)(?: |$))|averti[rs]|avertissez|(?:dis|dites|(?<!(?:veut|veulent|voudrait) )dire|rappelle[rz]?|fais savoir|faites savoir|envoie|envoyer|envoyez) (?:a|au|aux)|send to)"), weight: 3 },
    { pattern: cue("communique[rz]?|publie[rz]?|publish|push|notifier"), weight: 2 },
  ],
  help: [
    { pattern: cue("help|aide|aidez moi|aide moi|what can you do|que sais tu faire|que peux tu faire|tu fais quoi|comment ca marche|comment tu marches|how does this work|how do you work|commands|commandes|usage|mode d emploi|a quoi tu sers|what are you|qui es tu|who are you|options|use this bot|use you|utiliser ce bot|t utiliser|vous utiliser|what you can do|what can you|ce que tu sais|ce que vous savez|tu sais faire|vous savez faire|tu peux faire|vous pouvez faire|peux tu faire|pouvez vous faire|tu fonctionnes|vous fonctionnez|comment ca fonctionne|this bot|ce bot|capable de faire|tu es capable|t es capable|capable of|sers a quoi|servez a quoi|te demander|vous demander|can i ask|what can i ask|use this|how to use|utiliser ca"), weight: 1 },
  ],
  greeting: [
    { pattern: cue("bonjour|salut|hello|hi|hey|coucou|bonsoir|allo|good morning|good afternoon|good evening|yo|hola|hiya|greetings|bjr|slt"), weight: 1 },
  ],
};

/** A role question with one of these is about the role even without a named cue ("DLM ?"). */
export const ROLE_INTENTS: readonly CueIntent[] = ["role.describe", "role.skills", "role.path", "role.compare", "role.profile"];
