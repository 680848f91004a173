import type { App } from "@slack/bolt";
import { homeReply } from "../../../src/home/home-reply.js";
import type { HomeOpenedFields } from "../payload-shapes.js";
import { PLATFORM, type SlackDeps } from "../slack-deps.js";
import { toHomeView } from "../to-block-kit.js";

/**
 * Publishes the Home tab each time it is opened (views.publish replaces it, so a retried
 * event does no harm). The event names the user's DM with the app, which is recorded: the user
 * has used the app. https://docs.slack.dev/surfaces/app-home
 */
export function listenToHome(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, client }) => {
    const opened = event as unknown as HomeOpenedFields;
    if (opened.tab !== "home") return;
    await deps.work.track("app_home_opened", async () => {
      if (opened.channel) await deps.conversations.rememberDm(opened.channel, opened.user);
      const locale = (await deps.locales.of(client, opened.user)) ?? deps.defaultLocale;
      const latestAssessment = await deps.bot.latestAssessment({ platform: PLATFORM, userId: opened.user }, locale);
      const home = homeReply(deps.catalog, { locale, platform: PLATFORM, ...(latestAssessment ? { latestAssessment } : {}) });
      await client.views.publish({ user_id: opened.user, view: toHomeView(home, await deps.forms.keep(home)) });
    });
  });
}
