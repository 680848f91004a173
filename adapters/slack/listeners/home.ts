import type { App } from "@slack/bolt";
import { homeReply } from "../app-home.js";
import { PLATFORM, type SlackDeps } from "../slack-deps.js";
import { toHomeView } from "../to-block-kit.js";

/**
 * Publishes the Home tab each time it is opened (views.publish replaces it, so a retried
 * event does no harm). https://docs.slack.dev/surfaces/app-home
 */
export function listenToHome(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    await deps.work.track("app_home_opened", async () => {
      const locale = (await deps.locales.of(client, event.user)) ?? deps.defaultLocale;
      const latest = await deps.bot.latestAssessment({ platform: PLATFORM, userId: event.user }, locale);
      await client.views.publish({ user_id: event.user, view: toHomeView(homeReply(deps.catalog, locale, latest)) });
    });
  });
}
