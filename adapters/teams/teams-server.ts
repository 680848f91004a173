import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import { ConfigError, type Config } from "../../src/config/config.js";
import type { Logger } from "../../src/logging/logger.js";
import type { Parcours } from "../../src/parcours.js";
import { registerAdapterEraser } from "../shared/adapter-erasers.js";
import { BackgroundWork, DRAIN_MS } from "../shared/background-work.js";
import { describeError } from "../../src/logging/describe-error.js";
import { ConversationReferences } from "./conversation-references.js";
import { TURN_BUDGET_MS } from "./deliver-reply.js";
import { EMULATOR_HOST, isLoopbackUrl } from "./emulator-mode.js";
import { authorizationOf, BadRequest, readActivity, writeInvokeResponse } from "./node-http-bridge.js";
import { describeOutboundError } from "./outbound-errors.js";
import { routeActivities } from "./route-activity.js";
import { TeamsCloudAdapter, Unauthorized } from "./teams-cloud-adapter.js";
import { TeamsOutbound } from "./teams-outbound.js";
import { PLATFORM } from "./to-incoming.js";

export const MESSAGES_PATH = "/api/messages";

export interface TeamsServerOptions {
  parcours: Pick<Parcours, "bot" | "state" | "addresses" | "erasure">;
  config: Config;
  logger: Logger;
  /** Defaults to every interface, for the Bot Connector service to reach the bot; to loopback without an app id. */
  host?: string;
  /**
   * Endpoints botbuilder would otherwise take from the public cloud (OpenID metadata, token
   * issuer), so that tests can sign requests with their own keys on loopback.
   */
  authEndpoints?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  turnBudgetMs?: number;
  /** How long stopping waits for late answers; DRAIN_MS by default. */
  drainMs?: number;
}

export interface TeamsServer {
  url: string;
  port: number;
  references: ConversationReferences;
  /** What the core uses to reach Teams users without being spoken to. */
  outbound: TeamsOutbound;
  stop(): Promise<void>;
}

/** botbuilder checks every request's token once an app id is set; without one it checks nothing. */
function createAdapter(config: Config, logger: Logger, endpoints: TeamsServerOptions["authEndpoints"]): TeamsCloudAdapter {
  const appId = config.MICROSOFT_APP_ID;
  if (!appId) {
    logger.warn(
      { adapter: "teams" },
      "TEAMS WITHOUT AUTHENTICATION: MICROSOFT_APP_ID is not set, so anyone who can reach this port can post activities. Use this only with a local Bot Framework Emulator, never on a network.",
    );
  } else if (config.MICROSOFT_APP_TYPE !== "UserAssignedMSI" && !config.MICROSOFT_APP_PASSWORD) {
    throw new ConfigError("MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID (unless MICROSOFT_APP_TYPE=UserAssignedMSI)");
  } else if (config.MICROSOFT_APP_TYPE !== "MultiTenant" && !config.MICROSOFT_APP_TENANT_ID) {
    throw new ConfigError(`MICROSOFT_APP_TENANT_ID is required with MICROSOFT_APP_TYPE=${config.MICROSOFT_APP_TYPE}`);
  }
  const auth = new ConfigurationBotFrameworkAuthentication({
    ...(appId ? { MicrosoftAppId: appId, MicrosoftAppType: config.MICROSOFT_APP_TYPE } : {}),
    ...(config.MICROSOFT_APP_PASSWORD ? { MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD } : {}),
    ...(config.MICROSOFT_APP_TENANT_ID ? { MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID } : {}),
    ...endpoints,
  });
  const adapter = new TeamsCloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // The core turns its own failures into a sentence; what lands here failed on the way to Teams.
    logger.error({ adapter: "teams", type: context.activity.type, err: describeOutboundError(error) }, "teams turn failed");
  };
  return adapter;
}

/** The Teams adapter: botbuilder's CloudAdapter behind a plain node:http server at /api/messages. */
export async function startTeamsServer(options: TeamsServerOptions): Promise<TeamsServer> {
  const { parcours, config, logger } = options;
  const adapter = createAdapter(config, logger, options.authEndpoints);
  const references = new ConversationReferences(parcours);
  // The personal chat's reference carries the user's Teams and Entra ids; "delete my data" takes it,
  // and drops what each start of the adapter on this core wrote (its memo of written rows).
  registerAdapterEraser(parcours.erasure, "teams conversation references", async (subject) => {
    if (subject.platform === PLATFORM) await references.forgetUser(subject.userId);
  });
  const outbound = new TeamsOutbound({ adapter, botAppId: config.MICROSOFT_APP_ID ?? "", references });
  const work = new BackgroundWork(logger.child({ adapter: "teams" }));
  const authenticated = Boolean(config.MICROSOFT_APP_ID);
  const logic = routeActivities({
    bot: parcours.bot,
    state: parcours.state,
    references,
    outbound,
    defaultLocale: config.DEFAULT_LOCALE,
    logger,
    turnBudgetMs: options.turnBudgetMs ?? TURN_BUDGET_MS,
    work,
  });

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== MESSAGES_PATH) {
      res.writeHead(404).end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    readActivity(req)
      .then((activity) => {
        if (!authenticated && !isLoopbackUrl(activity.serviceUrl)) throw new BadRequest(400, "without authentication, only a loopback serviceUrl is accepted");
        return adapter.handle(activity, authorizationOf(req), logic);
      })
      .then((response) => writeInvokeResponse(res, response))
      .catch((error: unknown) => {
        const status = error instanceof BadRequest ? error.status : error instanceof Unauthorized ? 401 : 500;
        if (status === 500) logger.error({ adapter: "teams", err: describeError(error) }, "teams request failed");
        else logger.warn({ adapter: "teams", status, reason: (error as Error).message }, "teams request refused");
        if (!res.headersSent) res.writeHead(status);
        if (!res.writableEnded) res.end();
      });
  });

  const listenOn = options.host ?? (authenticated ? undefined : EMULATOR_HOST);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.TEAMS_PORT, listenOn, () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = listenOn ?? "localhost";
  logger.info({ adapter: "teams", address, port, path: MESSAGES_PATH, authenticated }, "teams adapter listening");

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}${MESSAGES_PATH}`,
    port,
    references,
    outbound,
    async stop() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await work.drain(options.drainMs ?? DRAIN_MS);
    },
  };
}
