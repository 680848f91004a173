import type { Locale } from "../catalog/schema.js";
import type { AnnouncementStatus, Engagement } from "./announcement.js";

/** Everything announcements say, in both languages. */
export interface AnnouncementMessages {
  refused: string;
  sentPrivately: string;
  form: {
    title: string;
    announcementTitle: string;
    bodyEn: string;
    bodyFr: string;
    linkUrl: string;
    linkLabel: string;
    imageUrl: string;
    channels: string;
    channelMembers: string;
    users: string;
    userGroups: string;
    everyone: string;
    yes: string;
    no: string;
    engagement: string;
    engagements: Record<Engagement, string>;
    sendDate: string;
    sendTime: string;
    timeZone: string;
    submit: string;
  };
  problems: { intro: string; field: (field: string, problem: string) => string; noRecipients: string; sendInPast: string; badTime: string; badTimeZone: string; unknownChannel: (name: string) => string; platformUnavailable: (platform: string) => string };
  preview: { intro: string; recipients: (counts: string) => string; channels: (n: number) => string; people: (n: number) => string; whenNow: string; whenAt: (at: string) => string; send: string; schedule: string; cancel: string };
  confirmed: { now: string; at: (at: string) => string };
  cancelled: (notSent: number) => string;
  notChangeable: string;
  unknown: string;
  engagement: { button: Record<Exclude<Engagement, "none">, string>; thanks: string; already: string; notSent: string };
  report: {
    title: (title: string) => string;
    status: Record<AnnouncementStatus, string>;
    sent: string;
    pending: string;
    failed: string;
    cancelled: string;
    possiblyDuplicated: string;
    engaged: string;
    rate: (perSecond: string) => string;
    reasons: Record<string, string>;
    csv: string;
    cancel: string;
    csvTitle: (title: string) => string;
    csvHeaders: string[];
  };
}

const reasonsEn: Record<string, string> = {
  "blocked-by-user": "blocked the app",
  "app-not-installed": "app not installed",
  "conversation-not-found": "conversation not found",
  "channel-archived": "channel archived",
  "not-in-channel": "app not in the channel",
  "user-not-found": "user not found",
  "message-rejected": "message refused by the platform",
  "platform-unavailable": "platform not connected",
  failed: "failed after retries",
};

const reasonsFr: Record<string, string> = {
  "blocked-by-user": "a bloqué l'application",
  "app-not-installed": "application non installée",
  "conversation-not-found": "conversation introuvable",
  "channel-archived": "canal archivé",
  "not-in-channel": "application absente du canal",
  "user-not-found": "utilisateur introuvable",
  "message-rejected": "message refusé par la plateforme",
  "platform-unavailable": "plateforme non connectée",
  failed: "échec après plusieurs essais",
};

const en: AnnouncementMessages = {
  refused: "Only the L&D team can send programme announcements. If you need one sent, ask them.",
  sentPrivately: "I've sent you the details privately.",
  form: {
    title: "New programme announcement",
    announcementTitle: "Title",
    bodyEn: "Text in English (optional if in French)",
    bodyFr: "Text in French (optional if in English)",
    linkUrl: "Link button address (https://…, optional)",
    linkLabel: "Link button label (optional)",
    imageUrl: "Image address (https://…, optional)",
    channels: "Post once in these channels (#name, comma-separated)",
    channelMembers: "Message every member of these channels privately",
    users: "Message these people (@mentions or ids)",
    userGroups: "Message these user groups (Slack)",
    everyone: "Everyone who has the app",
    yes: "Yes",
    no: "No",
    engagement: "Button on the announcement",
    engagements: { none: "None", acknowledge: "Acknowledge", interested: "I'm interested" },
    sendDate: "Send on (empty: now)",
    sendTime: "At (HH:MM, empty: 09:00)",
    timeZone: "Time zone",
    submit: "Preview",
  },
  problems: {
    intro: "The announcement can't be prepared yet:",
    field: (field, problem) => `${field}: ${problem}`,
    noRecipients: "nobody would receive it: name at least one channel, person, group or everyone",
    sendInPast: "the sending time has passed",
    badTime: "the time must look like 14:30",
    badTimeZone: "unknown time zone (use a name like Europe/Paris)",
    unknownChannel: (name) => `no channel named ${name} that the app can see`,
    platformUnavailable: (platform) => `${platform} is not connected to this Parcours`,
  },
  preview: {
    intro: "Preview: recipients will see exactly this.",
    recipients: (counts) => `Recipients: ${counts}.`,
    channels: (n) => `${n} channel${n === 1 ? "" : "s"}`,
    people: (n) => `${n} ${n === 1 ? "person" : "people"}`,
    whenNow: "It will be sent as soon as you confirm.",
    whenAt: (at) => `It will be sent on ${at}.`,
    send: "Send now",
    schedule: "Schedule",
    cancel: "Cancel",
  },
  confirmed: { now: "Sending now. A status card follows and updates as it goes.", at: (at) => `Scheduled for ${at}. You can cancel it until then.` },
  cancelled: (notSent) => `Announcement cancelled: ${notSent} message${notSent === 1 ? "" : "s"} will not be sent.`,
  notChangeable: "This announcement can't be changed any more: it has been sent or cancelled.",
  unknown: "I can't find that announcement any more.",
  engagement: { button: { acknowledge: "Acknowledge", interested: "I'm interested" }, thanks: "Thanks, noted.", already: "Already noted, thanks.", notSent: "This is the preview: presses count once the announcement is sent." },
  report: {
    title: (title) => `Announcement: ${title}`,
    status: { draft: "draft", scheduled: "scheduled", sending: "sending", done: "finished", cancelled: "cancelled" },
    sent: "Sent",
    pending: "Waiting",
    failed: "Not delivered",
    cancelled: "Cancelled",
    possiblyDuplicated: "Possibly received twice (a send cut short that the platform gives no way to check)",
    engaged: "Engaged",
    rate: (perSecond) => `${perSecond} messages a second`,
    reasons: reasonsEn,
    csv: "Per-recipient CSV",
    cancel: "Cancel the rest",
    csvTitle: (title) => `Deliveries of “${title}” (CSV)`,
    csvHeaders: ["platform", "recipient", "kind", "language", "status", "reason", "possibly duplicated", "engaged"],
  },
};

const fr: AnnouncementMessages = {
  refused: "Seule l'équipe L&D peut envoyer des annonces de programme. Si vous avez besoin d'en envoyer une, demandez-lui.",
  sentPrivately: "Je vous ai envoyé les détails en privé.",
  form: {
    title: "Nouvelle annonce de programme",
    announcementTitle: "Titre",
    bodyEn: "Texte en anglais (facultatif s'il y a le français)",
    bodyFr: "Texte en français (facultatif s'il y a l'anglais)",
    linkUrl: "Adresse du bouton de lien (https://…, facultatif)",
    linkLabel: "Libellé du bouton de lien (facultatif)",
    imageUrl: "Adresse d'une image (https://…, facultatif)",
    channels: "Publier une fois dans ces canaux (#nom, séparés par des virgules)",
    channelMembers: "Écrire en privé à chaque membre de ces canaux",
    users: "Écrire à ces personnes (mentions @ ou identifiants)",
    userGroups: "Écrire à ces groupes d'utilisateurs (Slack)",
    everyone: "Toutes les personnes qui ont l'application",
    yes: "Oui",
    no: "Non",
    engagement: "Bouton sur l'annonce",
    engagements: { none: "Aucun", acknowledge: "J'ai pris connaissance", interested: "Ça m'intéresse" },
    sendDate: "Envoyer le (vide : maintenant)",
    sendTime: "À (HH:MM, vide : 09:00)",
    timeZone: "Fuseau horaire",
    submit: "Aperçu",
  },
  problems: {
    intro: "L'annonce ne peut pas encore être préparée :",
    field: (field, problem) => `${field} : ${problem}`,
    noRecipients: "personne ne la recevrait : indiquez au moins un canal, une personne, un groupe ou tout le monde",
    sendInPast: "l'heure d'envoi est passée",
    badTime: "l'heure doit ressembler à 14:30",
    badTimeZone: "fuseau horaire inconnu (utilisez un nom comme Europe/Paris)",
    unknownChannel: (name) => `aucun canal nommé ${name} visible par l'application`,
    platformUnavailable: (platform) => `${platform} n'est pas connecté à ce Parcours`,
  },
  preview: {
    intro: "Aperçu : les destinataires verront exactement ceci.",
    recipients: (counts) => `Destinataires : ${counts}.`,
    channels: (n) => `${n} ${n === 1 ? "canal" : "canaux"}`,
    people: (n) => `${n} personne${n === 1 ? "" : "s"}`,
    whenNow: "Elle partira dès votre confirmation.",
    whenAt: (at) => `Elle partira le ${at}.`,
    send: "Envoyer maintenant",
    schedule: "Programmer",
    cancel: "Annuler",
  },
  confirmed: { now: "Envoi en cours. Une carte de suivi arrive et se met à jour au fil de l'envoi.", at: (at) => `Programmée pour le ${at}. Vous pouvez l'annuler d'ici là.` },
  cancelled: (notSent) => `Annonce annulée : ${notSent} message${notSent === 1 ? "" : "s"} ne ser${notSent === 1 ? "a" : "ont"} pas envoyé${notSent === 1 ? "" : "s"}.`,
  notChangeable: "Cette annonce ne peut plus être modifiée : elle a été envoyée ou annulée.",
  unknown: "Je ne retrouve plus cette annonce.",
  engagement: { button: { acknowledge: "J'ai pris connaissance", interested: "Ça m'intéresse" }, thanks: "Merci, c'est noté.", already: "C'est déjà noté, merci.", notSent: "Ceci est l'aperçu : les réponses comptent une fois l'annonce envoyée." },
  report: {
    title: (title) => `Annonce : ${title}`,
    status: { draft: "brouillon", scheduled: "programmée", sending: "en cours d'envoi", done: "terminée", cancelled: "annulée" },
    sent: "Envoyés",
    pending: "En attente",
    failed: "Non remis",
    cancelled: "Annulés",
    possiblyDuplicated: "Peut-être reçus deux fois (envoi interrompu que la plateforme ne permet pas de vérifier)",
    engaged: "Réactions",
    rate: (perSecond) => `${perSecond} messages par seconde`,
    reasons: reasonsFr,
    csv: "CSV par destinataire",
    cancel: "Annuler le reste",
    csvTitle: (title) => `Envois de « ${title} » (CSV)`,
    csvHeaders: ["plateforme", "destinataire", "type", "langue", "statut", "raison", "peut-être en double", "réaction"],
  },
};

export const announcementMessages = (locale: Locale): AnnouncementMessages => (locale === "fr" ? fr : en);
