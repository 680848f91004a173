import { describe, expect, it } from "vitest";
import { z } from "zod";
import { reply, type Reply } from "../../src/answers/reply.js";
import { flowButton } from "../../src/flows/flow-action.js";
import { FlowEngine } from "../../src/flows/flow-engine.js";
import type { FlowDefinition, FlowTurn } from "../../src/flows/flow.js";
import { MemoryStateStore } from "../../src/store/memory-state.js";

const say = (text: string): Reply => reply([{ type: "text", text }]);
const textOf = (r: Reply | { reask: Reply } | undefined) => JSON.stringify(r && "reask" in r ? r.reask.blocks : r?.blocks);

/**
 * A counting flow, small enough to read: "+" adds one, "done" ends it, a "count.add" button
 * adds its payload's amount. The engine is what these tests exercise.
 */
function counter(id: string, idleMs = 60_000): FlowDefinition<{ total: number }, "add"> {
  return {
    id,
    version: 1,
    state: z.object({ total: z.number() }),
    actions: { add: z.object({ by: z.number().int() }) },
    idleMs,
    async onText(state, text) {
      if (text === "+") return { reply: say(`${id} ${state.total + 1}`), next: { total: state.total + 1 } };
      if (text === "done") return { reply: say(`${id} ended at ${state.total}`), next: null };
      return undefined;
    },
    async onAction(state, action) {
      if (!action) return { reply: say("stale") };
      const total = (state?.total ?? 0) + (action.payload as { by: number }).by;
      return { reply: say(`${id} ${total}`), next: { total } };
    },
    reask: (state) => say(`${id} waiting at ${state.total}`),
    onStop: async () => ({ reply: say("stopped"), next: null }),
    onResume: async (state) => ({ reply: say(`${id} resumed at ${state.total}`), next: state }),
    onExpire: (state) => say(`${id} expired at ${state.total}`),
  };
}

function engineWith(store: MemoryStateStore, clock: { now: number }, ...flows: FlowDefinition<any, string>[]) {
  const engine = new FlowEngine(store, () => new Date(clock.now));
  for (const flow of flows) engine.register(flow);
  const turn = (userId = "U1"): FlowTurn => ({ scope: { kind: "user", platform: "test", userId }, locale: "en", now: new Date(clock.now) });
  return { engine, turn };
}

const press = (flowId: string, by: number) => {
  const button = flowButton({ id: flowId }, "add", { by }, "+");
  return [button.actionId, button.value] as const;
};

describe("flow engine", () => {
  it("applies every one of many steps taken at once by two engines on one store", async () => {
    const store = new MemoryStateStore();
    const clock = { now: Date.now() };
    const a = engineWith(store, clock, counter("count"));
    const b = engineWith(store, clock, counter("count"));
    await a.engine.action(a.turn(), ...press("count", 0));
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).engine.text((i % 2 ? a : b).turn(), "+")));
    expect(textOf(await a.engine.text(a.turn(), "done"))).toContain("ended at 40");
  });

  it("passes a message that is not an answer back as an interruption, with the question to ask again", async () => {
    const { engine, turn } = engineWith(new MemoryStateStore(), { now: Date.now() }, counter("count"));
    await engine.action(turn(), ...press("count", 2));
    const interrupted = await engine.text(turn(), "what is a DLM?");
    expect(interrupted && "reask" in interrupted).toBe(true);
    expect(textOf(interrupted)).toContain("waiting at 2");
  });

  it("refuses a button whose payload fails the flow's schema, without touching the state", async () => {
    const { engine, turn } = engineWith(new MemoryStateStore(), { now: Date.now() }, counter("count"));
    await engine.action(turn(), ...press("count", 2));
    expect(textOf(await engine.action(turn(), "count.add", "2:oops"))).toContain("stale");
    expect(textOf(await engine.action(turn(), "count.add", JSON.stringify({ by: "lots" })))).toContain("stale");
    expect(textOf(await engine.text(turn(), "+"))).toContain("count 3");
  });

  it("tells the user once that a flow expired, then forgets it", async () => {
    const clock = { now: Date.now() };
    const { engine, turn } = engineWith(new MemoryStateStore(), clock, counter("count", 1000));
    await engine.action(turn(), ...press("count", 5));
    clock.now += 2000;
    expect(textOf(await engine.text(turn(), "+"))).toContain("expired at 5");
    expect(await engine.text(turn(), "+")).toBeUndefined();
  });

  it("drops state written by another version of a flow rather than misreading it", async () => {
    const store = new MemoryStateStore();
    const clock = { now: Date.now() };
    const old = engineWith(store, clock, counter("count"));
    await old.engine.action(old.turn(), ...press("count", 5));
    const newer = engineWith(store, clock, { ...counter("count"), version: 2 });
    expect(await newer.engine.text(newer.turn(), "+")).toBeUndefined();
    expect(textOf(await newer.engine.action(newer.turn(), ...press("count", 1)))).toContain("count 1");
  });

  it("brings back the flow another one interrupted, and asks its question again", async () => {
    const { engine, turn } = engineWith(new MemoryStateStore(), { now: Date.now() }, counter("first"), counter("second"));
    await engine.action(turn(), ...press("first", 3));
    await engine.action(turn(), ...press("second", 10));
    expect(textOf(await engine.text(turn(), "+"))).toContain("second 11");
    const ended = await engine.text(turn(), "done");
    expect(textOf(ended)).toContain("second ended at 11");
    expect(textOf(ended)).toContain("first waiting at 3");
    expect(textOf(await engine.text(turn(), "+"))).toContain("first 4");
  });

  it("keeps one user's flow apart from another's", async () => {
    const { engine, turn } = engineWith(new MemoryStateStore(), { now: Date.now() }, counter("count"));
    await engine.action(turn("U1"), ...press("count", 1));
    expect(await engine.text(turn("U2"), "+")).toBeUndefined();
  });

  it("undoes a step whose records could not be written, so the user can try again", async () => {
    const clock = { now: Date.now() };
    let recordsDown = false;
    const flaky: FlowDefinition<{ total: number }, "add"> = {
      ...counter("count"),
      async onText(state, text) {
        if (text !== "done") return undefined;
        return { reply: say("ended"), next: null, afterCommit: async () => { if (recordsDown) throw new Error("records store unreachable"); } };
      },
    };
    const { engine, turn } = engineWith(new MemoryStateStore(), clock, flaky);
    await engine.action(turn(), ...press("count", 4));
    recordsDown = true;
    await expect(engine.text(turn(), "done")).rejects.toThrow(/unreachable/);
    recordsDown = false;
    expect(textOf(await engine.text(turn(), "done"))).toContain("ended");
  });

  it("leaves alone a flow this process does not know (a newer one deployed beside it)", async () => {
    const store = new MemoryStateStore();
    const clock = { now: Date.now() };
    const newer = engineWith(store, clock, counter("count"), counter("poll"));
    await newer.engine.action(newer.turn(), ...press("poll", 7));
    const older = engineWith(store, clock, counter("count"));
    expect(await older.engine.text(older.turn(), "+")).toBeUndefined();
    expect(textOf(await newer.engine.text(newer.turn(), "+"))).toContain("poll 8");
  });
});
