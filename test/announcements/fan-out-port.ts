import type { Reply } from "../../src/answers/reply.js";
import type { Locale } from "../../src/catalog/schema.js";
import { OutboundError, type ConversationAddress, type FanOutPort, type OutboundFailure, type PostedMessage, type PostOptions, type Reachable } from "../../src/outbound/outbound.js";
import { RecordingPort } from "../surveys/recording-port.js";

/**
 * A platform for the announcement core's tests: a workspace of people with languages, channels
 * by name, user groups, and failures queued per conversation. What it posted is kept with its
 * delivery key; `lookable` decides whether it offers findPosted (Slack does, Teams does not).
 */
export class FanOutTestPort extends RecordingPort implements FanOutPort {
  override readonly platform: string;
  readonly pace = { perSecond: 1000, perConversationPerSecond: 1000 };
  readonly people = new Map<string, Locale | undefined>();
  readonly channelNames = new Map<string, string>();
  readonly groups = new Map<string, string[]>();
  /** Failures the next posts to a conversation meet, in order; "lost" posts the message and then fails as a time-out. */
  readonly failures = new Map<string, (OutboundFailure | "lost")[]>();
  readonly keys: (string | undefined)[] = [];
  fanOut: FanOutPort = this;
  findPosted?: FanOutPort["findPosted"];

  constructor(platform = "test", options: { lookable?: boolean } = {}) {
    super();
    this.platform = platform;
    if (options.lookable) {
      this.findPosted = async (to: ConversationAddress, key: string) => {
        const index = this.keys.findIndex((k, i) => k === key && this.posts[i]!.to.conversationId === to.conversationId);
        return index < 0 ? null : { ...this.posts[index]!.to, messageId: this.posts[index]!.messageId };
      };
    }
  }

  override async post(to: ConversationAddress, reply: Reply, options?: PostOptions): Promise<PostedMessage> {
    const failure = this.failures.get(to.conversationId)?.shift();
    if (failure && failure !== "lost") throw new OutboundError(failure);
    const posted = await super.post(to, reply);
    this.keys.push(options?.deliveryKey);
    if (failure === "lost") throw new OutboundError({ reason: "failed", detail: "timed out", uncertain: true });
    return posted;
  }

  async everyone(): Promise<Reachable[]> {
    return [...this.people].map(([userId, locale]) => ({ userId, ...(locale ? { locale } : {}) }));
  }

  async userGroup(groupId: string): Promise<string[]> {
    const group = this.groups.get(groupId);
    if (!group) throw new OutboundError({ reason: "conversation-not-found" });
    return group;
  }

  async locales(userIds: readonly string[]): Promise<Map<string, Locale>> {
    return new Map(userIds.flatMap((id) => (this.people.get(id) ? [[id, this.people.get(id)!] as const] : [])));
  }

  async channelId(nameOrId: string): Promise<string | undefined> {
    const name = nameOrId.replace(/^#/, "");
    return this.channelNames.get(name) ?? ([...this.channelNames.values()].includes(nameOrId) ? nameOrId : undefined);
  }

  /** Who received the announcement whose title is `title` in their private conversation, once per message received. */
  receivedPrivately(title = "T"): string[] {
    return this.posts
      .filter((p) => p.to.conversationId.startsWith("dm:") && p.reply.blocks[0]?.type === "header" && p.reply.blocks[0].text === title)
      .map((p) => p.to.conversationId.slice(3));
  }
}
