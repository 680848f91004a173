import { consoleErrorsToLog } from "./console-errors.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Parcours } from "../../src/parcours.js";
import { BackgroundWork, DRAIN_MS } from "../shared/background-work.js";
import { describeError } from "../../src/logging/describe-error.js";
import { DeliveryInProgress } from "../../src/conversation/parcours-bot.js";
import { RequestAborted } from "../../src/service/bounded-body.js";
import { HttpService } from "../../src/service/http-service.js";
import type { ConversationReferences } from "./conversation-references.js";
import { TURN_BUDGET_MS } from "./deliver-reply.js";
import { EMULATOR_HOST, isLoopbackUrl } from "./emulator-mode.js";
import { authorizationOf, BadRequest, MAX_BODY_BYTES, readActivity, writeInvokeResponse } from "./node-http-bridge.js";
import { routeActivities } from "./route-activity.js";
import { Unauthorized } from "./teams-cloud-adapter.js";
import type { TeamsOutbound } from "./teams-outbound.js";
import { createTeamsPort, type TeamsPortOptions } from "./teams-port.js";

export const MESSAGES_PATH = "/api/messages";

export interface TeamsServerOptions extends TeamsPortOptions {
  parcours: TeamsPortOptions["parcours"] & Pick<Parcours, "bot">;
  /** The server shared with health, metrics and Slack; without one, it listens on PORT itself. */
  http?: HttpService;
  /**
   * Without a shared server: every interface by default, for the Bot Connector service to reach
   * the bot; loopback without an app id.
   */
  host?: string;
  turnBudgetMs?: number;
  /** How long stopping waits for late answers; DRAIN_MS by default. */
  drainMs?: number;
}

export interface TeamsServer {
  url: string;
  port: number | undefined;
  references: ConversationReferences;
  /** What the core uses to reach Teams users without being spoken to. */
  outbound: TeamsOutbound;
  stop(): Promise<void>;
}

/** The remote address of a request, for the emulator mode's loopback-only rule. */
const fromLoopback = (req: IncomingMessage) => /^(?:127\.|::1$|::ffff:127\.)/.test(req.socket.remoteAddress ?? "");

/** The Teams adapter: botbuilder's CloudAdapter at /api/messages on the shared server (or one of its own). */
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

  const handle = (req: IncomingMessage, res: ServerResponse) =>
    readActivity(req)
      .then((activity) => {
        // An emulator is on this machine: without authentication, nothing from elsewhere is taken.
        if (!authenticated && !(fromLoopback(req) && isLoopbackUrl(activity.serviceUrl))) throw new BadRequest(400, "without authentication, only loopback callers and a loopback serviceUrl are accepted");
        return adapter.handle(activity, authorizationOf(req), logic);
      })
      .then((response) => writeInvokeResponse(res, response))
      .catch((error: unknown) => {
        // A client gone mid-request is the network's doing, and nobody is left to answer.
        if (error instanceof RequestAborted) return;
        // Being answered by another process, which may die before it does: Teams is to deliver it again.
        if (error instanceof DeliveryInProgress) {
          if (!res.headersSent) res.writeHead(503, { "retry-after": "30" }).end();
          return;
        }
        const status = error instanceof BadRequest ? error.status : error instanceof Unauthorized ? 401 : 500;
        if (status === 500) logger.error({ adapter: "teams", err: describeError(error) }, "teams request failed");
        else logger.warn({ adapter: "teams", status, reason: (error as Error).message }, "teams request refused");
        if (!res.headersSent) res.writeHead(status, { connection: "close" });
        if (!res.writableEnded) res.end();
      });

  const http = options.http ?? new HttpService(logger);
  http.route(MESSAGES_PATH, { methods: ["POST"], maxBodyBytes: MAX_BODY_BYTES, handle });
  const ownServer = options.http ? undefined : http;
  const listenOn = options.host ?? (authenticated ? undefined : EMULATOR_HOST);
  const port = ownServer ? await ownServer.listen(config.PORT, listenOn) : http.port;
  const host = (ownServer ? listenOn : undefined) ?? "localhost";
  logger.info({ adapter: "teams", port, path: MESSAGES_PATH, authenticated }, "teams adapter listening");

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}${MESSAGES_PATH}`,
    port,
    references,
    outbound,
    async stop() {
      await ownServer?.close(options.drainMs ?? DRAIN_MS);
      await work.drain(options.drainMs ?? DRAIN_MS);
      restoreConsole();
    },
  };
}
