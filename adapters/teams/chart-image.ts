import type { Reply } from "../../src/answers/reply.js";
import { radarPng, type ChartBlock } from "../../src/assessment/radar-chart.js";

const PNG_DATA_URI_PREFIX = "data:image/png;base64,";

/**
 * Teams leaves base64 images out of a bot message's counted size (100 KB of UTF-16 for the rest):
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages
 * An inline chart is capped all the same: a full card (36,000 counted bytes) and its image stay
 * within 100,000 even if the image's characters were counted one byte each. The shipped roles'
 * radars (6 to 8 skills, 1,020 pixels wide as palette PNGs) take 30,000 to 46,000 characters.
 */
export const INLINE_IMAGE_MAX_CHARS = 64_000;

/** Each chart block of a reply and its `data:` URI, or `undefined` when too large to inline. */
export type ChartPictures = ReadonlyMap<ChartBlock, string | undefined>;

/** The radar as a `data:` URI an Adaptive Card Image can show, or `undefined` when too large to inline. */
async function chartDataUri(chart: ChartBlock): Promise<string | undefined> {
  const uri = `${PNG_DATA_URI_PREFIX}${(await radarPng(chart)).toString("base64")}`;
  return uri.length <= INLINE_IMAGE_MAX_CHARS ? uri : undefined;
}

/** The pictures of a reply's charts, drawn before its cards so that the card renderer stays synchronous and pure. */
export async function chartPictures(reply: Reply): Promise<ChartPictures> {
  const charts = reply.blocks.filter((block): block is ChartBlock => block.type === "chart");
  return new Map(await Promise.all(charts.map(async (chart) => [chart, await chartDataUri(chart)] as const)));
}

/** How many characters of an element are an inline image, which Teams does not count toward its limit. */
export function inlineImageChars(element: { type: string; url?: unknown }): number {
  return element.type === "Image" && typeof element.url === "string" && element.url.startsWith(PNG_DATA_URI_PREFIX) ? element.url.length : 0;
}
