import { radarPng, type ChartBlock } from "../../src/assessment/radar-chart.js";

const PNG_DATA_URI_PREFIX = "data:image/png;base64,";

/**
 * Teams leaves base64 images out of a bot message's counted size (100 KB of UTF-16 for the rest):
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages
 * An inline chart is capped all the same: a full card (36,000 counted bytes) and its image stay
 * within 100,000 even if the image's characters were counted one byte each. The shipped roles'
 * radars (6 to 8 skills) take 36,000 to 49,000 characters; a dozen long skill names still fit.
 */
export const INLINE_IMAGE_MAX_CHARS = 64_000;

/** The radar as a `data:` URI an Adaptive Card Image can show, or `undefined` when too large to inline. */
export function chartDataUri(chart: ChartBlock): string | undefined {
  const uri = `${PNG_DATA_URI_PREFIX}${radarPng(chart).toString("base64")}`;
  return uri.length <= INLINE_IMAGE_MAX_CHARS ? uri : undefined;
}

/** How many characters of an element are an inline image, which Teams does not count toward its limit. */
export function inlineImageChars(element: { type: string; url?: unknown }): number {
  return element.type === "Image" && typeof element.url === "string" && element.url.startsWith(PNG_DATA_URI_PREFIX) ? element.url.length : 0;
}
