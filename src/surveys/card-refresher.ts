import type { Logger } from "../logging/logger.js";
import type { StateStore } from "../store/state-store.js";

/** A refresh that takes longer than this has died with its process: another may take over. */
const LOCK_TTL_MS = 30_000;

/**
 * Keeps a posted card's live count exact without posting an update per answer: fifty answers at
 * once make one update at a time, and the last one always shows the final count.
 *
 * Each answer bumps a counter; whoever holds the card's lock updates the card and loops while the
 * counter moved during its update; those who find the lock held leave it to the holder. The
 * holder checks the counter again after letting go, so an answer that came just as it released
 * is never left out. Works across processes: the lock and the counter are in the state store.
 */
export class CardRefresher {
  constructor(
    private readonly state: StateStore,
    private readonly logger: Logger,
  ) {}

  refresh(cardId: string, update: () => Promise<void>): Promise<void> {
    return this.run(cardId, update).catch((error: unknown) => this.logger.warn({ card: cardId, err: { message: (error as Error).message } }, "card refresh failed"));
  }

  private async run(cardId: string, update: () => Promise<void>): Promise<void> {
    const dirty = `card:${cardId}:changes`;
    const lock = `card:${cardId}:lock`;
    await this.state.increment(dirty, 1, 24 * 3600_000);
    for (;;) {
      if (!(await this.state.claim(lock, LOCK_TTL_MS))) return;
      let seen: number | undefined;
      try {
        do {
          seen = await this.state.get<number>(dirty);
          await update();
        } while ((await this.state.get<number>(dirty)) !== seen);
      } finally {
        await this.state.delete(lock);
      }
      if ((await this.state.get<number>(dirty)) === seen) return;
    }
  }
}
