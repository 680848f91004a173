import type { ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import { DeliveryInProgress } from "../../src/conversation/parcours-bot.js";
import { ConfigError, type Config } from "../../src/config/config.js";
import type { Logger } from "../../src/logging/logger.js";
import type { Parcours } from "../../src/parcours.js";
import { registerAdapterEraser } from "../shared/adapter-erasers.js";
import { ConversationReferences } from "./conversation-references.js";
import { describeOutboundError } from "./outbound-errors.js";
import { SendOnceAuthentication } from "./send-once.js";
import { TeamsCloudAdapter } from "./teams-cloud-adapter.js";
import { TeamsOutbound } from "./teams-outbound.js";
import { PLATFORM } from "./to-incoming.js";

export interface TeamsPortOptions {
  parcours: Pick<Parcours, "addresses" | "state" | "erasure">;
  config: Config;
  logger: Logger;
  /**
   * Endpoints botbuilder would otherwise take from the public cloud (OpenID metadata, token
   * issuer), so that tests can sign requests with their own keys on loopback.
   */
  authEndpoints?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** How long a call to the Bot Connector service may go unanswered; REQUEST_TIMEOUT_MS by default. */
  requestTimeoutMs?: number;
}

/** What serving Teams and posting to it alone share: the CloudAdapter, the recorded conversations, the core's port. */
export interface TeamsPort {
  adapter: TeamsCloudAdapter;
  references: ConversationReferences;
  outbound: TeamsOutbound;
}

/** botbuilder checks every request's token once an app id is set; without one it checks nothing. */
function createAdapter({ config, logger, authEndpoints, requestTimeoutMs }: TeamsPortOptions): TeamsCloudAdapter {
  const appId = config.MICROSOFT_APP_ID;
  if (appId && config.MICROSOFT_APP_TYPE !== "UserAssignedMSI" && !config.MICROSOFT_APP_PASSWORD) {
    throw new ConfigError("MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID (unless MICROSOFT_APP_TYPE=UserAssignedMSI)");
  } else if (appId && config.MICROSOFT_APP_TYPE !== "MultiTenant" && !config.MICROSOFT_APP_TENANT_ID) {
    throw new ConfigError(
      `MICROSOFT_APP_TENANT_ID is required with MICROSOFT_APP_TYPE=${config.MICROSOFT_APP_TYPE}${config.MICROSOFT_APP_TYPE === "SingleTenant" ? " (the default, as new Azure Bot registrations are single-tenant; set MICROSOFT_APP_TYPE=MultiTenant for an older multi-tenant registration)" : ""}`,
    );
  }
  const auth = new SendOnceAuthentication(
    {
      ...(appId ? { MicrosoftAppId: appId, MicrosoftAppType: config.MICROSOFT_APP_TYPE } : {}),
      ...(config.MICROSOFT_APP_PASSWORD ? { MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD } : {}),
      ...(config.MICROSOFT_APP_TENANT_ID ? { MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID } : {}),
      ...authEndpoints,
    },
    requestTimeoutMs,
  );
  const adapter = new TeamsCloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Not a failure: the request is answered 503, for Teams to deliver the activity again.
    if (error instanceof DeliveryInProgress) throw error;
    // The core turns its own failures into a sentence; what lands here failed on the way to Teams.
    logger.error({ adapter: "teams", type: context.activity.type, err: describeOutboundError(error) }, "teams turn failed");
  };
  return adapter;
}

/** The Teams side of the core's outbound port, with or without a server in front of it. */
export function createTeamsPort(options: TeamsPortOptions): TeamsPort {
  const { parcours, config } = options;
  const adapter = createAdapter(options);
  const references = new ConversationReferences(parcours);
  // The personal chat's reference carries the user's Teams and Entra ids; "delete my data" takes it,
  // and drops what each start of the adapter on this core wrote (its memo of written rows).
  registerAdapterEraser(parcours.erasure, "teams conversation references", async (subject) => {
    if (subject.platform === PLATFORM) await references.forgetUser(subject.userId);
  });
  const outbound = new TeamsOutbound({ adapter, botAppId: config.MICROSOFT_APP_ID ?? "", references, messagesPerSecond: config.TEAMS_MESSAGES_PER_SECOND });
  return { adapter, references, outbound };
}
