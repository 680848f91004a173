import type { webApi } from "@slack/bolt";
import type { Eraser, UserErasure } from "../../src/privacy/user-erasure.js";
import { registerAdapterEraser } from "../shared/adapter-erasers.js";
import type { DmFiles } from "./dm-files.js";
import type { KnownConversations } from "./known-conversations.js";
import { PLATFORM } from "./slack-deps.js";
import type { SlackLocales } from "./slack-locale.js";

export interface SlackPersonalData {
  locales: SlackLocales;
  files: DmFiles;
  conversations: KnownConversations;
  /** A client that waits out rate limits: an erasure should finish, not fail on a busy minute. */
  client: webApi.WebClient;
}

/**
 * What the Slack adapter keeps about a user, and how "delete my data" removes it: the cached Slack
 * locale, the chart files uploaded into their DM (deleted in Slack with files.delete), and their
 * DM's address. An adapter started again on the same core adds its own to the first registration:
 * the stores are the same, but each start has its own in-process caches.
 */
export function registerSlackErasers(erasure: UserErasure, data: SlackPersonalData): void {
  const slackOnly =
    (erase: (userId: string) => Promise<void>): Eraser =>
    async (subject) => {
      if (subject.platform === PLATFORM) await erase(subject.userId);
    };
  const erasers: Record<string, Eraser> = {
    "slack locale": slackOnly((userId) => data.locales.forget(userId)),
    "slack files": slackOnly((userId) => data.files.erase(data.client, userId)),
    "slack dm addresses": slackOnly((userId) => data.conversations.forget(userId)),
  };
  for (const [what, eraser] of Object.entries(erasers)) registerAdapterEraser(erasure, what, eraser);
}
