import type { Logger } from "../../src/logging/logger.js";
import type { AddressBook } from "../../src/outbound/address-book.js";
import { describeError } from "../../src/logging/describe-error.js";
import { PLATFORM, unfenced, type ErasureFence } from "./slack-deps.js";

/** Enough for every active user of a large workspace; past it, the oldest are recorded again on their next message. */
const REMEMBERED_MAX = 20_000;

/** A Slack DM's id starts with D; channels with C, private channels and group DMs with G. */
export const isDirectMessage = (conversationId: string) => conversationId.startsWith("D");

/**
 * The DMs between users and the app, recorded in the address book so that the core can reach a
 * user who has used the app (a survey, a reminder) and list them. Each DM is written once per
 * process, when it is first seen (a DM arrives, the Home tab opens, conversations.open answers),
 * not on every message; a user's DM id never changes, so that record stays true.
 */
export class KnownConversations {
  /** user id → DM id, in the order they were remembered. */
  private readonly dms = new Map<string, string>();
  /** DM id → user id. */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly addresses: AddressBook,
    private readonly logger: Logger,
    private readonly fence: ErasureFence = unfenced,
  ) {}

  /** Records the user's DM unless this process already did. A failed write is logged and tried again next time: it never stops an answer. */
  async rememberDm(channel: string, userId: string): Promise<void> {
    if (!isDirectMessage(channel) || this.dms.get(userId) === channel) return;
    try {
      await this.fence(userId, async () => {
        await this.addresses.remember({ platform: PLATFORM, conversationId: channel, kind: "personal", userId, reference: { channel } });
        this.keep(userId, channel);
      });
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, "slack dm not recorded");
    }
  }

  /** The user's DM, when this process knows it. */
  dmOf(userId: string): string | undefined {
    return this.dms.get(userId);
  }

  /** Whose DM this is: known in this process, or recorded in the address book. */
  async ownerOf(channel: string): Promise<string | undefined> {
    const known = this.owners.get(channel);
    if (known) return known;
    const recorded = await this.addresses.find(PLATFORM, channel);
    if (recorded?.userId) this.keep(recorded.userId, channel);
    return recorded?.userId;
  }

  /** "Delete my data": the user's DMs leave the address book, and this process records them again if the user comes back. */
  async forget(userId: string): Promise<void> {
    const channel = this.dms.get(userId);
    this.dms.delete(userId);
    if (channel) this.owners.delete(channel);
    await this.addresses.forgetUser(PLATFORM, userId);
  }

  private keep(userId: string, channel: string): void {
    this.dms.delete(userId);
    if (this.dms.size >= REMEMBERED_MAX) {
      const [oldestUser, oldestChannel] = this.dms.entries().next().value!;
      this.dms.delete(oldestUser);
      this.owners.delete(oldestChannel);
    }
    this.dms.set(userId, channel);
    this.owners.set(channel, userId);
  }
}
