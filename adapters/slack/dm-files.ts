import type { webApi } from "@slack/bolt";
import type { StateStore } from "../../src/store/state-store.js";
import { slackErrorCode } from "./slack-failure.js";

/**
 * The key of the chart files uploaded into one user's DM. It is deliberately outside the user's
 * state prefix: an erasure deletes that prefix at the same time as it runs this module's eraser,
 * and the list must still be there when the eraser reads it to delete the files in Slack.
 */
const filesKey = (userId: string) => `slack:dm-files:${encodeURIComponent(userId)}`;

/** Concurrent uploads for one user (two processes) lose a few rounds of compare-and-set at most. */
const MAX_ROUNDS = 25;

/** A file already deleted (by the user, an admin, or an earlier erasure) is what the eraser wants. https://docs.slack.dev/reference/methods/files.delete */
const GONE = new Set(["file_not_found", "file_deleted"]);

/**
 * The files Parcours uploaded into users' DMs (their radar charts), so that "delete my data"
 * deletes them from Slack too. Kept until erased: a file stays in the DM until someone deletes it.
 */
export class DmFiles {
  constructor(private readonly state: StateStore) {}

  async record(userId: string, fileIds: readonly string[]): Promise<void> {
    if (fileIds.length === 0) return;
    const key = filesKey(userId);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await this.state.getVersioned<string[]>(key);
      const ids = [...new Set([...(current?.value ?? []), ...fileIds])];
      if ((await this.state.compareAndSet(key, current?.version ?? null, ids)) !== undefined) return;
    }
    throw new Error("slack dm files: too much contention to record a file");
  }

  async of(userId: string): Promise<string[]> {
    return (await this.state.get<string[]>(filesKey(userId))) ?? [];
  }

  /** Deletes the user's files in Slack, then their list; a file recorded meanwhile is deleted on the next round. */
  async erase(client: webApi.WebClient, userId: string): Promise<void> {
    const key = filesKey(userId);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await this.state.getVersioned<string[]>(key);
      if (!current) return;
      for (const file of current.value) {
        try {
          await client.files.delete({ file });
        } catch (error) {
          if (!GONE.has(slackErrorCode(error) ?? "")) throw error;
        }
      }
      if (await this.state.deleteIfVersion(key, current.version)) return;
    }
    throw new Error("slack dm files: too much contention to erase them");
  }
}
