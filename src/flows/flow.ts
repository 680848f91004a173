import type { z } from "zod";
import type { Reply } from "../answers/reply.js";
import type { Locale } from "../catalog/schema.js";

/** Whose flow: one user's (a self-assessment, a survey answer), or one conversation's (a form in a channel). */
export type FlowScope = { kind: "user"; platform: string; userId: string } | { kind: "conversation"; platform: string; conversationId: string };

/**
 * What a handler decides: the reply, and what becomes of the flow. `next` undefined leaves the
 * state as it is (a hint, a question asked again); null ends the flow.
 */
export interface FlowStep<S> {
  reply: Reply;
  next?: S | null;
  /**
   * Records written only once this step is the one that was committed (a result row): a step that
   * lost to a concurrent one is decided again, and must not have written anything.
   */
  afterCommit?: () => Promise<void>;
}

/** A button press decoded and validated against the flow's own schema. */
export interface FlowAction<A extends string = string> {
  name: A;
  payload: unknown;
}

/** Who the step is for, in which language, and when: what every handler is given. */
export interface FlowTurn {
  scope: FlowScope;
  locale: Locale;
  /**
   * The language of a typed message's own words, when they tell it (a bare number does not): a
   * flow in progress goes on in it, rather than in whatever the platform reports.
   */
  textLocale?: Locale;
  now: Date;
  /**
   * The platform's id of the message this turn answers. A message delivered again after the
   * process that applied it died before saying so is not applied twice: its flow asks its question again.
   */
  deliveryId?: string;
}

/**
 * A conversation flow: its id (the prefix of its buttons' action ids), a version (state written by
 * another version is discarded rather than misread), a schema its state must pass when read back,
 * how long it waits for the user, and a handler for each thing that can happen to it.
 */
export interface FlowDefinition<S, A extends string = string> {
  id: string;
  version: number;
  state: z.ZodType<S>;
  /** Button payloads, one schema per action name; a payload that fails its schema is a stale or forged button. */
  actions: Record<A, z.ZodType>;
  idleMs: number;
  /** A typed message: a step, or undefined when it is not an answer to the flow (an interruption). */
  onText(state: S, text: string, turn: FlowTurn): Promise<FlowStep<S> | undefined>;
  /**
   * A pressed button, with the flow's state when one of this flow is in progress; `action` is
   * undefined when the payload failed its schema (an old message's button, a forged one).
   */
  onAction(state: S | undefined, action: FlowAction<A> | undefined, turn: FlowTurn): Promise<FlowStep<S>>;
  /** The pending question again, after an interruption was answered. */
  reask(state: S, turn: FlowTurn): Reply;
  onStop(state: S, turn: FlowTurn): Promise<FlowStep<S>>;
  onResume(state: S, turn: FlowTurn): Promise<FlowStep<S>>;
  /** The flow waited longer than idleMs: what to tell the user the next time they write. */
  onExpire(state: S, turn: FlowTurn): Reply | undefined;
}
