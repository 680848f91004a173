import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { packageRoot } from "../src/config/package-root.js";
import { dmChannelOf, type FakeSlackApi, type RecordedCall } from "../test/adapters/slack/fake-slack-api.js";
import { postSigned } from "../test/adapters/slack/slack-signature.js";
import { startProcess, stopProcess, type RunningProcess } from "../test/processes/parcours-processes.js";
import type { Storage } from "./bench-storage.js";

/**
 * Signed Slack DMs to real `parcours start` processes, as many at a time as there are senders, each
 * sender waiting for its answer to reach the fake Web API before it sends the next: how long a person
 * waits for an answer, and how many answers a second the processes give. Needs the build.
 */
export const TOKEN = "xoxb-bench-service";
export const SECRET = "bench-service-signing-secret";
/** Long enough for any answer on a loaded machine; a lost answer stops the bench rather than hang it. */
const ANSWER_LIMIT_MS = 30_000;

/** Role questions of the shipped catalogue, in the language their askers' Slack is set to. */
const QUESTIONS = {
  en: [
    "what does a Learning Architect do?",
    "which skills does a Digital Learning Manager need?",
    "how do I become a learning designer?",
    "what does a training manager do?",
    "difference between a DLM and a training manager",
    "what does a Training Project Manager do?",
  ],
  fr: [
    "c'est quoi un Digital Learning Manager ?",
    "que fait un Learning Architect ?",
    "quelles compétences pour un concepteur pédagogique ?",
    "comment devenir responsable formation ?",
    "c'est quoi un formateur expert métier ?",
    "c'est quoi un chef de projet formation ?",
  ],
} as const;

const EVENT = readFileSync(join(packageRoot(), "test", "fixtures", "slack", "message-im.json"), "utf8");

const userId = (index: number) => `U0SVC${String(index).padStart(5, "0")}`;

/** A chat.postMessage to a user's id lands in their DM, as Slack does it. */
const conversationOf = (channel: string) => (/^[UW]/.test(channel) ? dmChannelOf(channel) : channel);

let events = 0;
/** A DM as the Events API sends it (the fixture's shape), with an event id and ts of its own. */
function dmEvent(user: string, text: string): string {
  const n = ++events;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(n % 1_000_000).padStart(6, "0")}`;
  const body = JSON.parse(EVENT) as Record<string, any>;
  body.event = {
    ...body.event,
    user,
    text,
    ts,
    event_ts: ts,
    channel: dmChannelOf(user),
    client_msg_id: randomUUID(),
    blocks: [{ type: "rich_text", block_id: "b1", elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }] }],
  };
  body.event_id = `Ev0SVC${n}`;
  body.event_time = Math.floor(Date.now() / 1000);
  return JSON.stringify(body);
}

export interface TrafficResult {
  /** From a DM's POST to its answer reaching the Web API, in ms. */
  latencies: number[];
  /** From the first POST to the last answer. */
  seconds: number;
}

/**
 * `users` people, half with Slack in French asking in French, half in English. Each of the
 * `senders` has people of its own, so no two DMs of one person are ever in flight at once and the
 * first post to a person's DM is the answer to the DM awaiting it.
 */
export class DmTraffic {
  private readonly awaiting = new Map<string, (at: number) => void>();
  private readonly cursors: number[];
  private readonly stopObserving: () => void;
  /** Posts to a DM nobody awaited: a second post of one answer, or an answer twice. */
  strays = 0;
  private next = 0;

  constructor(
    slack: FakeSlackApi,
    private readonly users: number,
    readonly senders: number,
  ) {
    if (users % senders !== 0) throw new Error("the bench's users split evenly among its senders");
    this.cursors = Array<number>(senders).fill(0);
    for (let i = 0; i < users; i++) slack.locales.set(userId(i), i % 2 === 0 ? "fr-FR" : "en-US");
    this.stopObserving = slack.observe((call) => this.arrived(call));
  }

  stop(): void {
    this.stopObserving();
  }

  /** Sends `count` DMs, the n-th to `urls[n % urls.length]`: a load balancer's round robin. */
  async send(urls: readonly string[], count: number): Promise<TrafficResult> {
    const latencies: number[] = [];
    let sent = 0;
    let last = 0;
    const started = performance.now();
    const sender = async (index: number) => {
      while (sent < count) {
        const n = sent++;
        const { user, text } = this.nextQuestion(index);
        const channel = dmChannelOf(user);
        const answer = this.answerIn(channel);
        const posted = performance.now();
        try {
          const response = await postSigned(urls[this.next++ % urls.length]!, { secret: SECRET, body: dmEvent(user, text), contentType: "application/json" });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`DM ${n} answered HTTP ${response.status}`);
        } catch (error) {
          answer.cancel();
          throw error;
        }
        const at = await answer.arrival;
        latencies.push(at - posted);
        last = Math.max(last, at);
      }
    };
    await Promise.all(Array.from({ length: this.senders }, (_, i) => sender(i)));
    return { latencies, seconds: (last - started) / 1000 };
  }

  private nextQuestion(sender: number): { user: string; text: string } {
    const perSender = this.users / this.senders;
    const turn = this.cursors[sender]!++;
    const index = sender + this.senders * (turn % perSender);
    const asked = Math.floor(turn / perSender);
    const questions = index % 2 === 0 ? QUESTIONS.fr : QUESTIONS.en;
    return { user: userId(index), text: questions[(index + asked) % questions.length]! };
  }

  /** The time the answer in `channel` arrives; cancel() when the DM was never delivered. */
  private answerIn(channel: string): { arrival: Promise<number>; cancel: () => void } {
    let timer: NodeJS.Timeout | undefined;
    const arrival = new Promise<number>((resolve, reject) => {
      timer = setTimeout(() => {
        this.awaiting.delete(channel);
        reject(new Error(`no answer in ${channel} within ${ANSWER_LIMIT_MS / 1000} s`));
      }, ANSWER_LIMIT_MS);
      this.awaiting.set(channel, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
    const cancel = () => {
      clearTimeout(timer);
      this.awaiting.delete(channel);
    };
    return { arrival, cancel };
  }

  private arrived(call: RecordedCall): void {
    if (call.method !== "chat.postMessage") return;
    const at = performance.now();
    const channel = conversationOf(String(call.args.channel ?? ""));
    const answered = this.awaiting.get(channel);
    if (!answered) return void this.strays++;
    this.awaiting.delete(channel);
    answered(at);
  }
}

/**
 * `count` processes of `parcours start` on `storage`, logging at info as a user runs them (`env`
 * adds to their environment), given to `work`; stopped, and their directories removed, however
 * `work` ends.
 */
export async function withProcesses<T>(slack: FakeSlackApi, storage: Storage, count: number, work: (processes: RunningProcess[]) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  const settings = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, LOG_LEVEL: "info", ...storage.env, ...env };
  const processes: RunningProcess[] = [];
  try {
    for (let i = 0; i < count; i++) processes.push(await startProcess(settings));
    return await work(processes);
  } catch (error) {
    const tails = processes.map((p, i) => `process ${i}: ${p.errors().slice(-1500)}`).join("\n");
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tails}`, { cause: error });
  } finally {
    await Promise.all(processes.map(({ child }) => stopProcess(child)));
    await Promise.all(processes.map(({ directory }) => rm(directory, { recursive: true, force: true })));
    await storage.remove();
  }
}
