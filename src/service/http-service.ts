import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describeError } from "../logging/describe-error.js";
import type { Logger } from "../logging/logger.js";
import { requestIdFrom, withRequestId } from "../logging/request-context.js";
import { declaredLength } from "./bounded-body.js";

/**
 * How long stopping waits for the requests in flight: an event's request is answered once its
 * answer is sent, and one cut off instead is delivered again by Slack, to a process that lives.
 * Within a process manager's usual 30 seconds before SIGKILL, with the jobs' own drain.
 */
const CLOSE_GRACE_MS = 10_000;

/** One path served: which methods, how large a body its handler may read, and the handler. */
export interface Route {
  methods: readonly string[];
  /** The handler reads the body itself (within this bound); a larger declared length is refused unread. 0: no body. */
  maxBodyBytes: number;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

/** The request target's path; undefined when it is not a URL at all (Node's parser lets `http://[` through). */
function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? "/", "http://parcours").pathname;
  } catch {
    return undefined;
  }
}

/** A request that carries a body, declared or chunked. */
const hasBody = (req: IncomingMessage) => (declaredLength(req) ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;

/**
 * Refuses a request without reading its body: the connection is closed after the answer, so Node
 * neither reads the rest of the body to reuse it nor keeps the bytes.
 */
export function refuseUnread(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { ...headers, connection: "close" }).end();
}

/**
 * Parcours' one HTTP server: Slack's events, Teams' activities, health and metrics on one port, as
 * a container platform expects. Before any handler runs, the path, the method and the declared
 * body length are checked, so no route reads a body it was not meant to; each request gets an id
 * (the proxy's `x-request-id` when it gave a well-formed one) that every log line of its work
 * carries, and that the answer returns.
 */
export class HttpService {
  private readonly routes = new Map<string, Route>();
  private readonly server: Server;
  private readonly log: Logger;

  constructor(logger: Logger) {
    this.log = logger.child({ component: "http" });
    this.server = createServer((req, res) => this.serve(req, res));
    // A client that never finishes sending its headers holds a socket; Node's default is a minute.
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
  }

  /** Adds a path; one route per path, whichever adapter asks. */
  route(path: string, route: Route): void {
    if (this.routes.has(path)) throw new Error(`${path} is already served`);
    this.routes.set(path, route);
  }

  /** Listens on a port (0: any free one) and answers the one actually listened on. */
  async listen(port: number, host?: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen({ port, ...(host ? { host } : {}) }, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    return this.port!;
  }

  get port(): number | undefined {
    const address = this.server.address();
    return address && typeof address === "object" ? (address as AddressInfo).port : undefined;
  }

  /**
   * Stops taking connections, closes idle ones, and resolves once the requests in flight are
   * answered, or, past `graceMs`, cuts the connections still open.
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const cut = setTimeout(() => this.server.closeAllConnections(), graceMs);
    await closed;
    clearTimeout(cut);
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const requestId = requestIdFrom(headerOf(req, "x-request-id"));
    res.setHeader("x-request-id", requestId);
    withRequestId(requestId, () => {
      const route = this.admit(req, res);
      if (!route) return;
      Promise.resolve()
        .then(() => route.handle(req, res))
        .catch((error: unknown) => {
          this.log.error({ path: pathOf(req), err: describeError(error) }, "request failed");
          refuseUnread(res, 500);
        });
    });
  }

  /** The route to run, or undefined when the request was refused here (unread). */
  private admit(req: IncomingMessage, res: ServerResponse): Route | undefined {
    const refuse = (status: number, headers?: Record<string, string>) => void refuseUnread(res, status, headers);
    const path = pathOf(req);
    if (path === undefined) {
      // Not the client's bytes in the log: a target that is not a URL is anyone's probe.
      this.log.warn("request with a malformed target refused");
      return refuse(400);
    }
    const route = this.routes.get(path);
    if (!route) return refuse(404);
    if (!route.methods.includes(req.method ?? "")) return refuse(405, { allow: route.methods.join(", ") });
    const declared = declaredLength(req);
    if (route.maxBodyBytes === 0 ? hasBody(req) : declared !== undefined && declared > route.maxBodyBytes) {
      this.log.warn({ path, declared, limit: route.maxBodyBytes }, "request body too large, refused unread");
      return refuse(413);
    }
    return route;
  }
}

export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
