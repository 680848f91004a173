import { randomUUID } from "node:crypto";
import { blockSchema, type FormBlock, type Reply } from "../../src/answers/reply.js";
import type { StateStore } from "../../src/store/state-store.js";
import type { FormKeys } from "./to-block-kit.js";

/**
 * A button's value holds 2,000 characters, which a form with its options and initial values can
 * pass; so the form is kept in the store and its button carries a random key. A day is longer
 * than anyone leaves a form unopened; a form pressed later is answered as a button Parcours no
 * longer knows.
 */
export const FORM_TTL_MS = 24 * 3600_000;

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const stateKey = (key: string) => `slack:form:${key}`;

/** The forms of posted replies, each under the random key its "open the form" button carries. */
export class KeptForms {
  constructor(private readonly state: StateStore) {}

  /** Keeps each form of the reply, and answers their keys for toBlockKit. */
  async keep(reply: Reply): Promise<FormKeys> {
    const keys = new Map<FormBlock, string>();
    for (const block of reply.blocks) {
      if (block.type !== "form") continue;
      const key = randomUUID();
      await this.state.set<FormBlock>(stateKey(key), block, FORM_TTL_MS);
      keys.set(block, key);
    }
    return keys;
  }

  /** The form kept under `key`; undefined when it expired, or was kept by code whose form no longer reads. */
  async find(key: string): Promise<FormBlock | undefined> {
    if (!KEY.test(key)) return undefined;
    const kept = blockSchema.safeParse(await this.state.get<unknown>(stateKey(key)));
    return kept.success && kept.data.type === "form" ? kept.data : undefined;
  }
}
