import { combine, type Reply } from "../answers/reply.js";
import { userStateKey } from "../privacy/user-erasure.js";
import type { StateStore, Versioned } from "../store/state-store.js";
import { isFlowActionId, parseFlowAction } from "./flow-action.js";
import type { FlowDefinition, FlowScope, FlowStep, FlowTurn } from "./flow.js";

/** What the store keeps for the one flow in progress in a scope. */
interface FlowRecord {
  flow: string;
  version: number;
  state: unknown;
  /** Past this, the flow has waited too long for the user: it expires on their next message. */
  idleUntil: number;
  /** The flow this one interrupted (a survey answered in the middle of a self-assessment): it comes back when this one ends. */
  suspended?: FlowRecord;
  /** The delivery of the message that made the last step, when one did. */
  delivery?: string;
}

/** The flow in a scope, as a handler sees it. */
export type FlowStatus<S> = { kind: "none" } | { kind: "active"; state: S; delivery?: string } | { kind: "expired"; state: S } | { kind: "other"; flowId: string };

/** A flow that expired is remembered this much longer, so the user is told instead of finding it gone. */
const EXPIRED_GRACE_MS = 24 * 3600_000;
/** Two processes racing for one user lose a few rounds at most; past this something is wrong. */
const MAX_ROUNDS = 25;

export class FlowContention extends Error {}

/** A message or button the flow in progress did not take: the bot answers it, then the flow asks again. */
export interface Interruption {
  reask: Reply;
}

type AnyFlow = FlowDefinition<any, string>;

/** Every flow's key ends so; ids are URI-encoded, so no other key does. */
const FLOW = "flow";

const scopeKey = (scope: FlowScope) =>
  scope.kind === "user" ? userStateKey(scope, FLOW) : `conversation:${scope.platform}:${encodeURIComponent(scope.conversationId)}:${FLOW}`;

/** Flows in progress (not expired) in every process, read from the store: for /metrics. */
export const activeFlows = (state: StateStore) => state.countLive(`:${FLOW}`);

/** What a handler answers to end a flow without a word: the message is then answered as if there were none. */
export const END_SILENTLY = Symbol("end silently");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs conversation flows on the state store. One flow at a time per scope; every step is
 * decided on the state as read, then committed with compare-and-set on its version: if another
 * process (another button press, another typed answer) committed in between, the step is decided
 * again on the new state, so no answer is lost and none is applied twice.
 */
export class FlowEngine {
  private readonly flows = new Map<string, AnyFlow>();

  constructor(
    private readonly store: StateStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  register(flow: AnyFlow): void {
    this.flows.set(flow.id, flow);
  }

  /** The flow in this scope, for one definition: its state, or why there is none for it. */
  async status<S>(scope: FlowScope, flow: FlowDefinition<S, string>): Promise<FlowStatus<S>> {
    return this.interpret(await this.store.getVersioned<FlowRecord>(scopeKey(scope)), flow);
  }

  /**
   * Decides a step on the current state and commits it atomically. `decide` may run more than
   * once (after losing a race) and must not write anything itself: that is `afterCommit`'s job.
   * If `afterCommit` fails (the records store is down), the step is undone, so that the user can
   * try again from where they were. Undefined when `decide` declined or ended the flow silently.
   */
  async step<S>(turn: FlowTurn, flow: FlowDefinition<S, string>, decide: (status: FlowStatus<S>) => Promise<FlowStep<S> | typeof END_SILENTLY | undefined>): Promise<Reply | undefined> {
    const key = scopeKey(turn.scope);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const record = await this.store.getVersioned<FlowRecord>(key);
      const step = await decide(this.interpret(record, flow));
      if (!step) return undefined;
      if (step === END_SILENTLY) {
        if (await this.commit(key, flow, record, null, false, undefined)) return undefined;
      } else {
        const committed = await this.commit(key, flow, record, step.next, step.afterCommit !== undefined, turn.deliveryId);
        if (committed) return this.afterCommitted(turn, key, record, committed, step);
      }
      // Someone else committed first: back off a little, at random, so two rivals stop colliding.
      await sleep(Math.random() * Math.min(50, 2 ** round));
    }
    throw new FlowContention(`flow ${flow.id}: gave up after ${MAX_ROUNDS} conflicting updates`);
  }

  /**
   * A typed message for whichever flow is in progress: its step, an interruption, or undefined
   * when none is (an expired flow is ended first, with its notice if it has one; state that no
   * longer reads, written by another version or about a role gone from the catalogue, is dropped).
   */
  async text(turn: FlowTurn, text: string): Promise<Reply | Interruption | undefined> {
    const active = await this.activeFlow(turn.scope);
    if (!active) return undefined;
    let outcome = "step" as "step" | "other" | "applied" | Interruption;
    const stepped = await this.step(turn, active, async (status) => {
      outcome = "step";
      switch (status.kind) {
        case "other":
          // Another flow took the scope since it was read: it is the one to ask.
          outcome = "other";
          return undefined;
        case "none":
          return END_SILENTLY;
        case "expired": {
          const notice = active.onExpire(status.state, turn);
          return notice ? { reply: notice, next: null } : END_SILENTLY;
        }
        case "active": {
          if (turn.deliveryId !== undefined && status.delivery === turn.deliveryId) {
            outcome = "applied";
            return undefined;
          }
          const step = await active.onText(status.state, text, turn);
          if (!step) outcome = { reask: active.reask(status.state, turn) };
          return step;
        }
      }
    });
    if (outcome === "other") return this.text(turn, text);
    // Applied already, by a process that died before the platform heard: the question it was answering's successor.
    if (outcome === "applied") return this.resume(turn);
    return outcome === "step" ? stepped : outcome;
  }

  /** A pressed button of a registered flow; undefined when no flow owns the action id. */
  async action(turn: FlowTurn, actionId: string, value: string): Promise<Reply | undefined> {
    const flow = [...this.flows.values()].find((f) => isFlowActionId(f, actionId));
    if (!flow) return undefined;
    const action = parseFlowAction(flow, actionId, value);
    // A button of a flow that is not the one in progress starts it over the other, which comes back after.
    return this.step(turn, flow, async (status) => flow.onAction(status.kind === "active" ? status.state : undefined, action, turn));
  }

  /** "Resume": the flow in progress asks its question again (and its idle time starts over). */
  async resume(turn: FlowTurn): Promise<Reply | undefined> {
    const active = await this.activeFlow(turn.scope);
    if (!active) return undefined;
    return this.step(turn, active, async (status) => (status.kind === "active" ? active.onResume(status.state, turn) : undefined));
  }

  private async activeFlow(scope: FlowScope): Promise<AnyFlow | undefined> {
    const record = await this.store.get<FlowRecord>(scopeKey(scope));
    return record ? this.flows.get(record.flow) : undefined;
  }

  private interpret<S>(record: Versioned<FlowRecord> | undefined, flow: FlowDefinition<S, string>): FlowStatus<S> {
    if (!record) return { kind: "none" };
    const { value } = record;
    // Another flow's, even one this process does not know (a newer version deployed beside it): never misread, never dropped.
    if (value.flow !== flow.id) return { kind: "other", flowId: value.flow };
    // State written by another version of the flow, or that no longer fits its schema, is not misread: it is dropped.
    const parsed = value.version === flow.version ? flow.state.safeParse(value.state) : undefined;
    if (!parsed?.success) return { kind: "none" };
    if (value.idleUntil <= this.now().getTime()) return { kind: "expired", state: parsed.data };
    return { kind: "active", state: parsed.data, ...(value.delivery ? { delivery: value.delivery } : {}) };
  }

  /** Answers what the committed step wrote (the new version, or null for an end), or undefined when another writer was first. */
  private async commit<S>(
    key: string,
    flow: FlowDefinition<S, string>,
    record: Versioned<FlowRecord> | undefined,
    next: S | null | undefined,
    hasEffects: boolean,
    delivery: string | undefined,
  ): Promise<{ version: number | null } | undefined> {
    const current = record?.value;
    if (next === undefined) {
      // Nothing to write, but effects were decided on this version: it must still be the current one.
      if (hasEffects && record) return (await this.store.compareAndSet(key, record.version, current, this.ttlOf(current!))) ? { version: record.version + 1 } : undefined;
      return { version: record?.version ?? null };
    }
    if (next === null) {
      if (!record) return { version: null };
      // Ending a flow brings back the one it interrupted, as it was.
      if (current?.suspended) {
        const version = await this.store.compareAndSet(key, record.version, current.suspended, this.ttlOf(current.suspended));
        return version === undefined ? undefined : { version };
      }
      return (await this.store.deleteIfVersion(key, record.version)) ? { version: null } : undefined;
    }
    const suspended = current && current.flow !== flow.id ? current : current?.suspended;
    const value: FlowRecord = { flow: flow.id, version: flow.version, state: next, idleUntil: this.now().getTime() + flow.idleMs, ...(suspended ? { suspended } : {}), ...(delivery ? { delivery } : {}) };
    const version = await this.store.compareAndSet(key, record?.version ?? null, value, Math.max(this.ttlOf(value), suspended ? this.ttlOf(suspended) : 0));
    return version === undefined ? undefined : { version };
  }

  private async afterCommitted<S>(turn: FlowTurn, key: string, record: Versioned<FlowRecord> | undefined, committed: { version: number | null }, step: FlowStep<S>): Promise<Reply> {
    try {
      await step.afterCommit?.();
    } catch (error) {
      await this.undo(key, record, committed);
      throw error;
    }
    const restored = step.next === null ? record?.value.suspended : undefined;
    const reask = restored && this.reaskOf(restored, turn);
    return reask ? combine([step.reply, reask]) : step.reply;
  }

  /** Puts back what a step replaced, unless someone wrote after it. */
  private async undo(key: string, record: Versioned<FlowRecord> | undefined, committed: { version: number | null }): Promise<void> {
    if (committed.version === null) {
      if (record) await this.store.compareAndSet(key, null, record.value, this.ttlOf(record.value));
    } else if (record) {
      await this.store.compareAndSet(key, committed.version, record.value, this.ttlOf(record.value));
    } else {
      await this.store.deleteIfVersion(key, committed.version);
    }
  }

  /** The question an interrupted flow was waiting on, to ask again when it comes back. */
  private reaskOf(record: FlowRecord, turn: FlowTurn): Reply | undefined {
    const flow = this.flows.get(record.flow);
    const parsed = flow && record.version === flow.version ? flow.state.safeParse(record.state) : undefined;
    return flow && parsed?.success ? flow.reask(parsed.data, turn) : undefined;
  }

  /** How long the store keeps a record: its idle time, and a grace to say it expired. */
  private ttlOf(record: FlowRecord): number {
    const idleMs = Math.max(0, record.idleUntil - this.now().getTime());
    return idleMs + Math.min(this.flows.get(record.flow)?.idleMs ?? idleMs, EXPIRED_GRACE_MS);
  }
}
