import type { Locale } from "../catalog/schema.js";
import { knownTimeZone } from "../dates/zoned-time.js";

/** Everything a team survey says, once per locale. */
export interface SurveyMessages {
  form: {
    title: string;
    open: string;
    surveyTitle: string;
    defaultTitle: (role: string) => string;
    role: string;
    skills: string;
    anonymity: string;
    anonymous: string;
    named: string;
    minResponses: string;
    deadline: string;
    reminder: string;
    reminderDaysBefore: (days: number) => string;
    noReminder: string;
    submit: string;
  };
  problems: {
    intro: string;
    notInChannel: string;
    notMember: string;
    cannotCheckMembers: string;
    unknownRole: string;
    noSkills: string;
    deadlinePast: string;
    minTooLow: (floor: number) => string;
    badField: (field: string) => string;
    platformUnavailable: string;
  };
  card: {
    header: (title: string) => string;
    about: (role: string, skills: number) => string;
    deadline: (date: string) => string;
    anonymous: (min: number) => string;
    named: (creator?: string) => string;
    answer: string;
    count: (n: number) => string;
    closed: (n: number) => string;
  };
  answering: {
    intro: (title: string, skills: number) => string;
    anonymousNote: string;
    namedNote: string;
    progress: (index: number, count: number) => string;
    thanks: (date: string) => string;
    keepPersonal: string;
    kept: string;
    closed: string;
    unknown: string;
    replaced: string;
  };
  created: (title: string, date: string) => string;
  tools: { results: string; remind: string; extend: (days: number) => string; close: string; csv: string };
  refused: string;
  sentPrivately: string;
  results: {
    title: (title: string) => string;
    tooFew: (n: number, min: number) => string;
    heldUntilClose: (n: number, date: string) => string;
    responses: (n: number) => string;
    gapsTitle: string;
    gapLine: (skill: string, mean: string, target: number, rated: number) => string;
    hidden: (skill: string, min: number) => string;
    modulesTitle: string;
    changeTitle: string;
    change: (skill: string, delta: string) => string;
    team: string;
    target: string;
  };
  reminded: (n: number) => string;
  alreadyReminded: string;
  reminder: (title: string, date: string) => string;
  extended: (date: string) => string;
  closedNow: (n: number) => string;
  closedNotice: (title: string, n: number) => string;
  alreadyClosed: string;
  csvTitle: (title: string) => string;
}

const en: SurveyMessages = {
  form: {
    title: "New team skill survey",
    open: "Set up the survey",
    surveyTitle: "Title",
    defaultTitle: (role) => `Team skills: ${role}`,
    role: "Role",
    skills: "Skills to ask about",
    anonymity: "Answers",
    anonymous: "Anonymous (recommended)",
    named: "Named: I will see who answered what",
    minResponses: "Minimum responses before results show (3 or more)",
    deadline: "Deadline",
    reminder: "Reminder to those who have not answered",
    reminderDaysBefore: (days) => (days === 1 ? "1 day before the deadline" : `${days} days before the deadline`),
    noReminder: "No reminder",
    submit: "Create the survey",
  },
  problems: {
    intro: "I could not create the survey:",
    notInChannel: "A team survey is posted in a channel: ask me in the team's channel, not in a private conversation.",
    notMember: "Only a member of this channel can start a survey in it.",
    cannotCheckMembers: "I could not check this channel's members (is Parcours added to it?).",
    unknownRole: "I don't know that role any more: choose one from the list.",
    noSkills: "Choose at least one skill of the role.",
    deadlinePast: "The deadline must be in the future.",
    minTooLow: (floor) => `The minimum number of responses cannot be below ${floor}: with fewer, results could point at a person.`,
    badField: (field) => `"${field}" is not filled in correctly.`,
    platformUnavailable: "I cannot post in this channel right now. Please try again later.",
  },
  card: {
    header: (title) => `📋 ${title}`,
    about: (role, skills) => `A skill self-rating against the *${role}* profile: ${skills} skills, about two minutes.`,
    deadline: (date) => `Answer before *${date}*.`,
    anonymous: (min) => `Anonymous: your answers are stored without your name, nobody (not even the survey's creator) can see who answered what, and results show only once ${min} people have answered.`,
    named: (creator) => `Named: ${creator ?? "the survey's creator"} will see who answered what.`,
    answer: "Answer",
    count: (n) => (n === 1 ? "1 response so far" : `${n} responses so far`),
    closed: (n) => `Closed with ${n === 1 ? "1 response" : `${n} responses`}.`,
  },
  answering: {
    intro: (title, skills) => `*${title}*: ${skills} skills, one at a time. Rate yourself from 1 to 5, or type "skip".`,
    anonymousNote: "Your answers are anonymous.",
    namedNote: "This survey is named: its creator will see your answers.",
    progress: (index, count) => `${index}/${count}`,
    thanks: (date) => `Thank you, your answers are recorded. You can answer again until ${date} to change them.`,
    keepPersonal: "Also keep them in my self-assessments",
    kept: "Saved in your self-assessments as well (only you can see those).",
    closed: "This survey is closed: answers are no longer taken.",
    unknown: "I don't know this survey (it may have been removed).",
    replaced: "You had answered already: your new answers replace the earlier ones.",
  },
  created: (title, date) => `Your survey "${title}" is posted. It closes on ${date}; here are your tools (only you and the L&D admins can use them):`,
  tools: { results: "Results", remind: "Remind those who have not answered", extend: (days) => `+${days} days`, close: "Close now", csv: "Export (CSV)" },
  refused: "Only the survey's creator and the L&D admins can do that.",
  sentPrivately: "I've answered you in a private message.",
  results: {
    title: (title) => `Team results: ${title}`,
    tooFew: (n, min) => `${n === 1 ? "1 response" : `${n} responses`} so far: results show from ${min}, so that nobody's answers can be told apart.`,
    responses: (n) => (n === 1 ? "1 response" : `${n} responses`),
    heldUntilClose: (n, date) => `${n === 1 ? "1 response" : `${n} responses`} so far. An anonymous survey's results show when it closes (${date}, or when you close it): looking at them as answers come in would tell who answered what.`,
    gapsTitle: "Largest gaps to the target first",
    gapLine: (skill, mean, target, rated) => `${skill}: team ${mean} / target ${target} (${rated} answers)`,
    hidden: (skill, min) => `${skill}: fewer than ${min} answers, not shown`,
    modulesTitle: "Training modules that address these gaps",
    changeTitle: "Since the previous survey",
    change: (skill, delta) => `${skill}: ${delta}`,
    team: "team",
    target: "target",
  },
  reminded: (n) => (n === 1 ? "I reminded 1 member who had not answered." : `I reminded ${n} members who had not answered.`),
  alreadyReminded: "A reminder already went out in the last 24 hours.",
  reminder: (title, date) => `Reminder: the team survey "${title}" closes on ${date}. It takes about two minutes.`,
  extended: (date) => `The deadline is now ${date}.`,
  closedNow: (n) => `The survey is closed, with ${n === 1 ? "1 response" : `${n} responses`}.`,
  closedNotice: (title, n) => `Your survey "${title}" closed with ${n === 1 ? "1 response" : `${n} responses`}.`,
  alreadyClosed: "This survey is already closed.",
  csvTitle: (title) => `${title} (CSV)`,
};

const fr: SurveyMessages = {
  form: {
    title: "Nouveau sondage de compétences",
    open: "Paramétrer le sondage",
    surveyTitle: "Titre",
    defaultTitle: (role) => `Compétences de l'équipe : ${role}`,
    role: "Métier",
    skills: "Compétences sur lesquelles sonder",
    anonymity: "Réponses",
    anonymous: "Anonymes (recommandé)",
    named: "Nominatives : je verrai qui a répondu quoi",
    minResponses: "Nombre minimum de réponses avant d'afficher les résultats (3 ou plus)",
    deadline: "Date limite",
    reminder: "Relance de ceux qui n'ont pas répondu",
    reminderDaysBefore: (days) => (days === 1 ? "1 jour avant la date limite" : `${days} jours avant la date limite`),
    noReminder: "Pas de relance",
    submit: "Créer le sondage",
  },
  problems: {
    intro: "Je n'ai pas pu créer le sondage :",
    notInChannel: "Un sondage d'équipe se publie dans un canal : demandez-le-moi dans le canal de l'équipe, pas en conversation privée.",
    notMember: "Seul un membre de ce canal peut y lancer un sondage.",
    cannotCheckMembers: "Je n'ai pas pu vérifier les membres de ce canal (Parcours y est-il ajouté ?).",
    unknownRole: "Je ne connais plus ce métier : choisissez-en un dans la liste.",
    noSkills: "Choisissez au moins une compétence du métier.",
    deadlinePast: "La date limite doit être dans le futur.",
    minTooLow: (floor) => `Le nombre minimum de réponses ne peut pas être inférieur à ${floor} : en dessous, les résultats pourraient désigner quelqu'un.`,
    badField: (field) => `« ${field} » n'est pas correctement rempli.`,
    platformUnavailable: "Je ne peux pas publier dans ce canal pour le moment. Réessayez plus tard.",
  },
  card: {
    header: (title) => `📋 ${title}`,
    about: (role, skills) => `Une auto-évaluation au regard du métier *${role}* : ${skills} compétences, environ deux minutes.`,
    deadline: (date) => `Répondez avant le *${date}*.`,
    anonymous: (min) => `Anonyme : vos réponses sont enregistrées sans votre nom, personne (pas même l'auteur du sondage) ne peut voir qui a répondu quoi, et les résultats ne s'affichent qu'à partir de ${min} réponses.`,
    named: (creator) => `Nominatif : ${creator ?? "l'auteur du sondage"} verra qui a répondu quoi.`,
    answer: "Répondre",
    count: (n) => (n <= 1 ? `${n} réponse pour l'instant` : `${n} réponses pour l'instant`),
    closed: (n) => `Clos avec ${n <= 1 ? `${n} réponse` : `${n} réponses`}.`,
  },
  answering: {
    intro: (title, skills) => `*${title}* : ${skills} compétences, une à la fois. Notez-vous de 1 à 5, ou tapez « passer ».`,
    anonymousNote: "Vos réponses sont anonymes.",
    namedNote: "Ce sondage est nominatif : son auteur verra vos réponses.",
    progress: (index, count) => `${index}/${count}`,
    thanks: (date) => `Merci, vos réponses sont enregistrées. Vous pouvez répondre à nouveau jusqu'au ${date} pour les modifier.`,
    keepPersonal: "Les garder aussi dans mes auto-évaluations",
    kept: "Enregistrées aussi dans vos auto-évaluations (vous seul les voyez).",
    closed: "Ce sondage est clos : il ne prend plus de réponses.",
    unknown: "Je ne connais pas ce sondage (il a peut-être été supprimé).",
    replaced: "Vous aviez déjà répondu : vos nouvelles réponses remplacent les précédentes.",
  },
  created: (title, date) => `Votre sondage « ${title} » est publié. Il se clôt le ${date} ; voici vos outils (seuls vous et les administrateurs formation pouvez les utiliser) :`,
  tools: { results: "Résultats", remind: "Relancer ceux qui n'ont pas répondu", extend: (days) => `+${days} jours`, close: "Clore maintenant", csv: "Exporter (CSV)" },
  refused: "Seuls l'auteur du sondage et les administrateurs formation peuvent faire cela.",
  sentPrivately: "Je vous ai répondu en message privé.",
  results: {
    title: (title) => `Résultats de l'équipe : ${title}`,
    tooFew: (n, min) => `${n <= 1 ? `${n} réponse` : `${n} réponses`} pour l'instant : les résultats s'affichent à partir de ${min}, pour que personne ne puisse être reconnu.`,
    responses: (n) => (n <= 1 ? `${n} réponse` : `${n} réponses`),
    heldUntilClose: (n, date) => `${n <= 1 ? `${n} réponse` : `${n} réponses`} pour l'instant. Les résultats d'un sondage anonyme s'affichent à sa clôture (${date}, ou quand vous le clôturez) : les regarder au fil des réponses permettrait de savoir qui a répondu quoi.`,
    gapsTitle: "Les plus grands écarts à la cible d'abord",
    gapLine: (skill, mean, target, rated) => `${skill} : équipe ${mean} / cible ${target} (${rated} réponses)`,
    hidden: (skill, min) => `${skill} : moins de ${min} réponses, non affiché`,
    modulesTitle: "Les modules de formation qui répondent à ces écarts",
    changeTitle: "Depuis le sondage précédent",
    change: (skill, delta) => `${skill} : ${delta}`,
    team: "équipe",
    target: "cible",
  },
  reminded: (n) => (n <= 1 ? `J'ai relancé ${n} membre qui n'avait pas répondu.` : `J'ai relancé ${n} membres qui n'avaient pas répondu.`),
  alreadyReminded: "Une relance est déjà partie au cours des dernières 24 heures.",
  reminder: (title, date) => `Rappel : le sondage d'équipe « ${title} » se clôt le ${date}. Il prend environ deux minutes.`,
  extended: (date) => `La date limite est maintenant le ${date}.`,
  closedNow: (n) => `Le sondage est clos, avec ${n <= 1 ? `${n} réponse` : `${n} réponses`}.`,
  closedNotice: (title, n) => `Votre sondage « ${title} » s'est clos avec ${n <= 1 ? `${n} réponse` : `${n} réponses`}.`,
  alreadyClosed: "Ce sondage est déjà clos.",
  csvTitle: (title) => `${title} (CSV)`,
};

const MESSAGES: Record<Locale, SurveyMessages> = { en, fr };

export const surveyMessages = (locale: Locale): SurveyMessages => MESSAGES[locale];

/** A deadline as people read it, in the locale's own format, in the survey's time zone, named so that nobody elsewhere misreads it. */
export function formatDeadline(at: number, locale: Locale, timeZone: string): string {
  const zone = knownTimeZone(timeZone);
  return `${new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "full", timeStyle: "short", timeZone: zone }).format(new Date(at))} (${zone})`;
}
