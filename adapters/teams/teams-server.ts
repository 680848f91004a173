import { consoleErrorsToLog } from "./console-errors.js";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Parcours } from "../../src/parcours.js";
import { BackgroundWork, DRAIN_MS } from "../shared/background-work.js";
import { describeError } from "../../src/logging/describe-error.js";
import type { ConversationReferences } from "./conversation-references.js";
import { TURN_BUDGET_MS } from "./deliver-reply.js";
import { EMULATOR_HOST, isLoopbackUrl } from "./emulator-mode.js";
import { authorizationOf, BadRequest, readActivity, writeInvokeResponse } from "./node-http-bridge.js";
import { routeActivities } from "./route-activity.js";
import { Unauthorized } from "./teams-cloud-adapter.js";
import type { TeamsOutbound } from "./teams-outbound.js";
import { createTeamsPort, type TeamsPortOptions } from "./teams-port.js";

export const MESSAGES_PATH = "/api/messages";

export interface TeamsServerOptions extends TeamsPortOptions {
  parcours: TeamsPortOptions["parcours"] & Pick<Parcours, "bot">;
  /** Defaults to every interface, for the Bot Connector service to reach the bot; to loopback without an app id. */
  host?: string;
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

/** The Teams adapter: botbuilder's CloudAdapter behind a plain node:http server at /api/messages. */
export async function startTeamsServer(options: TeamsServerOptions): Promise<TeamsServer> {
  const { parcours, config, logger } = options;
  const authenticated = Boolean(config.MICROSOFT_APP_ID);
  if (!authenticated) {
    logger.warn(
      { adapter: "teams" },
      "TEAMS WITHOUT AUTHENTICATION: MICROSOFT_APP_ID is not set, so anyone who can reach this port can post activities. Use this only with a local Bot Framework Emulator, never on a network.",
    );
  }
  const { adapter, references, outbound } = createTeamsPort(options);
  const restoreConsole = consoleErrorsToLog(logger.child({ adapter: "teams" }));
  const work = new BackgroundWork(logger.child({ adapter: "teams" }));
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
      restoreConsole();
    },
  };
}
