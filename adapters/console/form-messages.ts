import type { Locale } from "../../src/catalog/schema.js";

/**
 * The terminal's sentences for filling a form, once per locale. Only the console asks a form's
 * fields one by one (Slack opens a modal, Teams shows inputs), so they live with the console adapter.
 */
export interface FormMessages {
  howTo: string;
  /** What ends a field's question: French sets its colon apart. */
  colon: string;
  optional: string;
  several: string;
  dateFormat: string;
  required: string;
  tooLong: (max: number) => string;
  number: (min: number, max: number) => string;
  date: string;
  option: (count: number) => string;
  cancelled: string;
}

const FORM: Record<Locale, FormMessages> = {
  en: {
    howTo: "Answer each field on its own line: Enter keeps the value in brackets, \"cancel\" abandons the form.",
    colon: ":",
    optional: "optional",
    several: "numbers separated by commas",
    dateFormat: "YYYY-MM-DD",
    required: "This field needs an answer.",
    tooLong: (max) => `At most ${max} characters, please.`,
    number: (min, max) => `A number from ${min} to ${max}, please.`,
    date: "A date written YYYY-MM-DD, please (for example 2025-09-30).",
    option: (count) => `Type the number of an option, from 1 to ${count}.`,
    cancelled: "Form abandoned.",
  },
  fr: {
    howTo: "Répondez à chaque champ sur sa ligne : Entrée garde la valeur entre crochets, « annuler » abandonne le formulaire.",
    colon: " :",
    optional: "facultatif",
    several: "numéros séparés par des virgules",
    dateFormat: "AAAA-MM-JJ",
    required: "Ce champ attend une réponse.",
    tooLong: (max) => `${max} caractères au plus, s'il vous plaît.`,
    number: (min, max) => `Un nombre de ${min} à ${max}, s'il vous plaît.`,
    date: "Une date écrite AAAA-MM-JJ, s'il vous plaît (par exemple 2025-09-30).",
    option: (count) => `Tapez le numéro d'une option, de 1 à ${count}.`,
    cancelled: "Formulaire abandonné.",
  },
};

export function formMessages(locale: Locale): FormMessages {
  return FORM[locale];
}
