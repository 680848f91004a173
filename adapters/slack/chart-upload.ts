import { fold } from "../../src/understanding/normalize.js";
import { chartSummary } from "../../src/answers/chart-text.js";
import type { webApi } from "@slack/bolt";
import type { Reply } from "../../src/answers/reply.js";
import { radarPng, type ChartBlock } from "../../src/assessment/radar-chart.js";
import { shorten } from "../../src/answers/format.js";

/** files.getUploadURLExternal refuses a longer description (alt_txt_too_large). */
const FILE_ALT_TEXT_MAX = 1000;

/** Where messages and files go: a conversation, and a thread in it. */
export interface ConversationPlace {
  channel: string;
  threadTs?: string;
}

/** A file name Slack shows and downloads as: the chart's title in ASCII, never empty. */
function chartFilename(chart: ChartBlock): string {
  const slug = fold(chart.title)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "chart"}.png`;
}

/** The scores the picture shows, for screen readers and clients that do not load images. */
function chartAltText(chart: ChartBlock): string {
  return shorten(chartSummary(chart), FILE_ALT_TEXT_MAX);
}

/**
 * A Block Kit image shows a picture hosted elsewhere (a public URL, or a file already in Slack), so
 * each chart of the reply is uploaded as a PNG into the conversation the reply went to, after its
 * text. That must be the conversation's id, not a user's: files.completeUploadExternal shares into
 * conversations. filesUploadV2 is files.getUploadURLExternal, a POST of the bytes to the URL it
 * gives, then files.completeUploadExternal. Answers the ids of the files uploaded.
 * https://docs.slack.dev/reference/methods/files.getUploadURLExternal
 */
export async function uploadCharts(client: webApi.WebClient, reply: Reply, place: ConversationPlace): Promise<string[]> {
  const destination = place.threadTs ? { channel_id: place.channel, thread_ts: place.threadTs } : { channel_id: place.channel };
  const uploaded: string[] = [];
  for (const block of reply.blocks) {
    if (block.type !== "chart") continue;
    const result = await client.filesUploadV2({
      ...destination,
      file: await radarPng(block),
      filename: chartFilename(block),
      title: block.title,
      alt_text: chartAltText(block),
    });
    for (const completion of result.files) uploaded.push(...(completion.files ?? []).flatMap((file) => (file.id ? [file.id] : [])));
  }
  return uploaded;
}
