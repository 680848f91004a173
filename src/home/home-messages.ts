import type { Locale } from "../catalog/schema.js";

/**
 * The home screen's own sentences, once per locale. How to ask depends on the platform (Slack has
 * a Messages tab and a slash command); every other sentence is true on any platform.
 */
export interface HomeMessages {
  title: string;
  tagline: string;
  howTo: { title: string; text: (platform: string) => string };
  quickActions: string;
  roles: string;
}

const HOW_TO: Record<Locale, { slack: string; anywhere: string }> = {
  en: {
    slack: "• Write to me in the *Messages* tab\n• Mention me in a channel: I answer in the thread\n• Type */parcours* followed by your question, or */parcours help*",
    anywhere: "• Write to me in our private conversation\n• Mention me in a channel: I answer there\n• Type *help* to see what I can do",
  },
  fr: {
    slack: "• Écrivez-moi dans l'onglet *Messages*\n• Mentionnez-moi dans un canal : je réponds dans le fil\n• Tapez */parcours* suivi de votre question, ou */parcours aide*",
    anywhere: "• Écrivez-moi dans notre conversation privée\n• Mentionnez-moi dans un canal : je vous y réponds\n• Tapez *aide* pour voir ce que je sais faire",
  },
};

const HOME: Record<Locale, HomeMessages> = {
  en: {
    title: "Parcours",
    tagline: "Your guide to Learning & Development roles: what they do, the skills they need, how to get there and who holds them, from our role catalogue.",
    howTo: { title: "How to ask", text: (platform) => (platform === "slack" ? HOW_TO.en.slack : HOW_TO.en.anywhere) },
    quickActions: "Quick actions",
    roles: "Roles I know",
  },
  fr: {
    title: "Parcours",
    tagline: "Votre guide des métiers de la formation : ce qu'ils font, les compétences attendues, comment y arriver et qui les exerce, d'après notre référentiel de métiers.",
    howTo: { title: "Comment me poser une question", text: (platform) => (platform === "slack" ? HOW_TO.fr.slack : HOW_TO.fr.anywhere) },
    quickActions: "Actions rapides",
    roles: "Les métiers que je connais",
  },
};

export function homeMessages(locale: Locale): HomeMessages {
  return HOME[locale];
}
