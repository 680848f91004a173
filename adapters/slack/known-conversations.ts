import type { Logger } from "../../src/logging/logger.js";
import type { AddressBook } from "../../src/outbound/address-book.js";
import { describeError } from "../../src/logging/describe-error.js";
import { PLATFORM, unfenced, type ErasureFence } from "./slack-deps.js";

/** Enough for every active user of a large workspace; past it, the oldest are recorded again on their next message. */
const REMEMBERED_MAX = 20_000;

/**
 * An hour: a DM whose record another process deleted meanwhile ("delete my data" handled there) is
 * recorded again at most that late, on the user's next message, for one address book write per
 * active user an hour.
 */
export const RECORDED_MAX_AGE_MS = 3600_000;

/** A Slack DM's id starts with D; channels with C, private channels and group DMs with G. */
export const isDirectMessage = (conversationId: string) => conversationId.startsWith("D");

/** A user's id (U, or W on Enterprise Grid): as a channel, chat.postMessage takes it for the user's DM with the app. */
export const isUserId = (id: string) => /^[UW][A-Z0-9]+$/.test(id);

/**
 * The DMs between users and the app, recorded in the address book so that the core can reach a
 * user who has used the app (a survey, a reminder) and list them. A DM is written when it is seen
 * (a DM arrives, the Home tab opens, conversations.open answers) unless this process wrote it
 * less than RECORDED_MAX_AGE_MS ago, not on every message. A user's DM id never changes, so
 * what this process knows of who owns which DM stays true; only whether the row is still in the
 * address book can change behind its back.
 */
export class KnownConversations {
  /** user id → their DM, and when this process last wrote it to the address book; oldest first. */
  private readonly dms = new Map<string, { channel: string; recordedAt: number }>();
  /** DM id → user id. */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly addresses: AddressBook,
    private readonly logger: Logger,
    private readonly fence: ErasureFence = unfenced,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the user's DM unless this process did so recently. A failed write is logged and tried again next time: it never stops an answer. */
  async rememberDm(channel: string, userId: string): Promise<void> {
    if (!isDirectMessage(channel)) return;
    const known = this.dms.get(userId);
    if (known?.channel === channel && this.now() - known.recordedAt < RECORDED_MAX_AGE_MS) return;
    try {
      await this.fence(userId, async () => {
        await this.addresses.remember({ platform: PLATFORM, conversationId: channel, kind: "personal", userId, reference: { channel } });
        this.keep(userId, channel, this.now());
      });
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, "slack dm not recorded");
    }
  }

  /** The user's DM, when this process knows it (whether or not its record is recent). */
  dmOf(userId: string): string | undefined {
    return this.dms.get(userId)?.channel;
  }

  /** The user's DM: known in this process, or recorded in the address book (by another process, or before a restart). */
  async recordedDmOf(userId: string): Promise<string | undefined> {
    const known = this.dmOf(userId);
    if (known) return known;
    const recorded = await this.addresses.personal(PLATFORM, userId);
    if (!recorded || !isDirectMessage(recorded.conversationId)) return undefined;
    // Found in the address book just now: as good as written now.
    this.keep(userId, recorded.conversationId, this.now());
    return recorded.conversationId;
  }

  /** Whose DM this is: known in this process, or recorded in the address book. */
  async ownerOf(channel: string): Promise<string | undefined> {
    const known = this.owners.get(channel);
    if (known) return known;
    const recorded = await this.addresses.find(PLATFORM, channel);
    // Found in the address book just now: as good as written now.
    if (recorded?.userId) this.keep(recorded.userId, channel, this.now());
    return recorded?.userId;
  }

  /** "Delete my data": the user's DMs leave the address book, and this process records them again if the user comes back. */
  async forget(userId: string): Promise<void> {
    const channel = this.dms.get(userId)?.channel;
    this.dms.delete(userId);
    if (channel) this.owners.delete(channel);
    await this.addresses.forgetUser(PLATFORM, userId);
  }

  private keep(userId: string, channel: string, recordedAt: number): void {
    this.dms.delete(userId);
    if (this.dms.size >= REMEMBERED_MAX) {
      const [oldestUser, oldest] = this.dms.entries().next().value!;
      this.dms.delete(oldestUser);
      this.owners.delete(oldest.channel);
    }
    this.dms.set(userId, { channel, recordedAt });
    this.owners.set(channel, userId);
  }
}
