import type { webApi } from "@slack/bolt";
import type { Reply } from "../../src/answers/reply.js";
import type { Logger } from "../../src/logging/logger.js";
import { OutboundError, type ConversationAddress, type OutboundPort, type PostedMessage, type PostingPace, type PostOptions } from "../../src/outbound/outbound.js";
import { describeError } from "../../src/logging/describe-error.js";
import { uploadCharts } from "./chart-upload.js";
import type { DmFiles } from "./dm-files.js";
import type { KeptForms } from "./kept-forms.js";
import type { DmOpening } from "./dm-opening.js";
import { isDirectMessage, isUserId, type KnownConversations } from "./known-conversations.js";
import { PLATFORM, SLACKBOT, unfenced, type ErasureFence } from "./slack-deps.js";
import { deliveryMetadata, SlackFanOut } from "./slack-fan-out.js";
import { slackCall, toOutboundError } from "./slack-failure.js";
import { everyPage, PAGE_SIZE } from "./slack-listing.js";
import { toBlockKit, type SlackMessage } from "./to-block-kit.js";

export interface SlackOutboundParts {
  client: webApi.WebClient;
  conversations: KnownConversations;
  files: DmFiles;
  /** Where a reply's forms are kept for their buttons to open. */
  forms: KeptForms;
  logger: Logger;
  /** How the adapter opens DMs, shared by its ports: conversations.open, or the first message when the install lacks im:write. */
  dmOpening: DmOpening;
  /**
   * The user whose request this port answers, when it answers one: a DM it posts in is theirs (their
   * own, or the one private content goes to), and so are the charts it uploads there.
   */
  recipient?: string;
  /** The app's own bot user (from auth.test), left out of member lists. */
  botUserId?: string;
  fence?: ErasureFence;
  /** Given to the core's own port only: with it, the port offers announcements' fan-out at this pace. */
  pace?: PostingPace;
}

const messageArgs = ({ text, blocks }: SlackMessage) => ({ text, ...(blocks.length > 0 ? { blocks } : {}) });

/**
 * The outbound port on Slack's Web API. Replies are rendered with toBlockKit (several messages
 * when Block Kit's limits need it, posted in order) and their charts uploaded after them. Every
 * refusal is an OutboundError: built on a client with `rejectRateLimitedCalls`, a rate limit comes
 * back with the wait Slack asked for instead of the client sleeping on it.
 */
export class SlackOutbound implements OutboundPort {
  readonly platform = PLATFORM;
  readonly fanOut?: SlackFanOut;

  constructor(private readonly parts: SlackOutboundParts) {
    if (parts.pace) {
      this.fanOut = new SlackFanOut({ client: parts.client, pace: parts.pace, conversations: parts.conversations, privateConversation: (userId) => this.openPrivateConversation(userId) });
    }
  }

  /**
   * The user's DM: conversations.open answers it (the same one each time), and it is recorded.
   * Without im:write, the address is the user's id, and post() opens the DM with its first message.
   * https://docs.slack.dev/reference/methods/conversations.open
   */
  async openPrivateConversation(userId: string): Promise<ConversationAddress> {
    const known = this.parts.conversations.dmOf(userId);
    if (known) {
      // Written again if it was long ago: another process may have erased it since.
      await this.parts.conversations.rememberDm(known, userId);
      return { platform: PLATFORM, conversationId: known };
    }
    const channel = this.parts.dmOpening.byConversationsOpen ? await this.openDm(userId) : undefined;
    if (!channel) return { platform: PLATFORM, conversationId: userId };
    await this.parts.conversations.rememberDm(channel, userId);
    return { platform: PLATFORM, conversationId: channel };
  }

  /** The DM's id from conversations.open; undefined when the install lacks the scope it needs. */
  private async openDm(userId: string): Promise<string | undefined> {
    let opened: webApi.ConversationsOpenResponse;
    try {
      opened = await this.parts.client.conversations.open({ users: userId });
    } catch (error) {
      if (this.parts.dmOpening.refusedForScope(error)) return undefined;
      throw toOutboundError(error);
    }
    if (!opened.channel?.id) throw new OutboundError({ reason: "failed", detail: "conversations.open answered no channel" });
    return opened.channel.id;
  }

  /**
   * Posts each message of the reply in order, then its charts. Addressed to a user's id, the first
   * message opens their DM and Slack answers the DM's id: the rest of the reply, the charts and the
   * posted message's address use that id, and the DM is recorded as conversations.open's would be.
   * A delivery key goes with the first message as its metadata, for FanOutPort.findPosted to find.
   */
  async post(to: ConversationAddress, reply: Reply, options: PostOptions = {}): Promise<PostedMessage> {
    const toUser = isUserId(to.conversationId) ? to.conversationId : undefined;
    let place = to;
    let first: string | undefined;
    for (const message of toBlockKit(reply, await this.parts.forms.keep(reply))) {
      const thread = place.threadId ? { thread_ts: place.threadId } : {};
      const metadata = first === undefined && options.deliveryKey ? { metadata: deliveryMetadata(options.deliveryKey) } : {};
      const posted = await slackCall(() => this.parts.client.chat.postMessage({ channel: place.conversationId, ...messageArgs(message), ...thread, ...metadata }));
      if (first !== undefined) continue;
      first = posted.ts;
      if (toUser && posted.channel && isDirectMessage(posted.channel)) {
        place = { platform: PLATFORM, conversationId: posted.channel };
        await this.parts.conversations.rememberDm(posted.channel, toUser);
      }
    }
    if (!first) throw new OutboundError({ reason: "failed", detail: "chat.postMessage answered no ts" });
    await this.uploadCharts(place, reply, toUser);
    return { ...place, messageId: first };
  }

  /** An update replaces one message: a reply that needs several keeps its first (a survey card's count fits in one). https://docs.slack.dev/reference/methods/chat.update */
  async update(message: PostedMessage, reply: Reply): Promise<void> {
    const [first] = toBlockKit(reply, await this.parts.forms.keep(reply));
    // Blocks left out would keep the old message's blocks: an empty list removes them.
    await slackCall(() => this.parts.client.chat.update({ channel: message.conversationId, ts: message.messageId, text: first!.text, blocks: first!.blocks }));
  }

  /**
   * Every member, page by page. conversations.members says nothing of who is a bot: finding out
   * would cost one users.info call per member, so only the app itself and Slackbot are left out; a
   * message to another bot fails as `user-not-found` (cannot_dm_bot) for that recipient alone.
   */
  async listMembers(conversationId: string): Promise<string[]> {
    const members = await everyPage(async (cursor) => {
      const page = await this.parts.client.conversations.members({ channel: conversationId, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      return { items: page.members, next: page.response_metadata?.next_cursor };
    });
    return members.filter((id) => id !== this.parts.botUserId && id !== SLACKBOT);
  }

  /**
   * The reply's charts as pictures, after its text. A failed upload loses only the picture, whose
   * scores the text already shows, so it does not fail the post. A chart in a DM is recorded for
   * its user's erasure.
   */
  private async uploadCharts(to: ConversationAddress, reply: Reply, toUser: string | undefined): Promise<void> {
    if (!reply.blocks.some((block) => block.type === "chart")) return;
    let files: string[];
    try {
      files = await uploadCharts(this.parts.client, reply, { channel: to.conversationId, ...(to.threadId ? { threadTs: to.threadId } : {}) });
    } catch (error) {
      this.parts.logger.warn({ err: describeError(error) }, "slack chart upload failed");
      return;
    }
    if (isDirectMessage(to.conversationId) && files.length > 0) await this.recordDmFiles(to.conversationId, files, toUser);
  }

  /**
   * The files' owner is the user the reply was for: the one it was addressed to, or the one whose
   * request this port answers. Only the core's own port, which answers nobody's request, asks whose
   * DM it is (this process's record of it, or the address book).
   */
  private async recordDmFiles(channel: string, files: string[], toUser: string | undefined): Promise<void> {
    try {
      const owner = toUser ?? this.parts.recipient ?? (await this.parts.conversations.ownerOf(channel));
      if (owner) return await (this.parts.fence ?? unfenced)(owner, () => this.parts.files.record(owner, files));
      this.parts.logger.warn({ files: files.length }, "chart uploaded to a slack dm whose user is unknown: it will not be erased with their data");
    } catch (error) {
      this.parts.logger.error({ err: describeError(error), files: files.length }, "chart uploaded to a slack dm not recorded: it will not be erased with its user's data");
    }
  }
}
