import type { Locale } from "../../src/catalog/schema.js";

/**
 * The App Home's own sentences, once per locale. They are Slack-only (the tab, the Messages
 * tab, the slash command), so they live with the Slack adapter rather than in the core's messages.
 */
export interface HomeMessages {
  title: string;
  tagline: string;
  howTo: { title: string; text: string };
  quickActions: string;
  roles: string;
}

const HOME: Record<Locale, HomeMessages> = {
  en: {
    title: "Parcours",
    tagline: "Your guide to Learning & Development roles: what they do, the skills they need, how to get there and who holds them, from our role catalogue.",
    howTo: {
      title: "How to ask",
      text: "• Write to me in the *Messages* tab\n• Mention me in a channel: I answer in the thread\n• Type */parcours* followed by your question, or */parcours help*",
    },
    quickActions: "Quick actions",
    roles: "Roles I know",
  },
  fr: {
    title: "Parcours",
    tagline: "Votre guide des métiers de la formation : ce qu'ils font, les compétences attendues, comment y arriver et qui les exerce, d'après notre référentiel de métiers.",
    howTo: {
      title: "Comment me poser une question",
      text: "• Écrivez-moi dans l'onglet *Messages*\n• Mentionnez-moi dans un canal : je réponds dans le fil\n• Tapez */parcours* suivi de votre question, ou */parcours aide*",
    },
    quickActions: "Actions rapides",
    roles: "Les métiers que je connais",
  },
};

export function homeMessages(locale: Locale): HomeMessages {
  return HOME[locale];
}
