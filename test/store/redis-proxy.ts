import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";

/**
 * What a cut looks like from Parcours's side, as real outages look:
 * - refused: the open connections are reset and the port closed, so that connecting is refused
 *   (ECONNREFUSED), as when Redis has stopped on a host that is up;
 * - black-holed: nothing passes on the open connections any more, yet they stay open, and new
 *   connections are accepted and never answered: a frozen Redis, a host gone without a reset, a
 *   load balancer that lost its backend.
 */
export type Outage = "refused" | "black-holed";

interface Relay {
  client: Socket;
  upstream: Socket;
}

/**
 * A loopback TCP proxy in front of Redis that a test cuts and restores, leaving alone the Redis
 * server the other tests use. Connections black-holed stay silent after the restore, as a dead
 * host's would: only those opened after it reach Redis again.
 */
export class RedisProxy {
  private server: Server | undefined;
  private port = 0;
  private outage: Outage | undefined;
  private readonly relays = new Set<Relay>();
  private readonly silent = new Set<Socket>();
  private readonly target: URL;

  constructor(redisUrl: string) {
    this.target = new URL(redisUrl);
  }

  /** The Redis URL through the proxy: the target's, password and database number included. */
  get url(): string {
    const through = new URL(this.target);
    through.hostname = "127.0.0.1";
    through.port = String(this.port);
    return through.toString();
  }

  async start(): Promise<this> {
    await this.listen(0);
    return this;
  }

  async cut(outage: Outage): Promise<void> {
    this.outage = outage;
    if (outage === "refused") {
      for (const relay of this.relays) this.end(relay);
      await this.stopListening();
      return;
    }
    for (const relay of this.relays) {
      this.relays.delete(relay);
      relay.client.unpipe(relay.upstream);
      relay.upstream.unpipe(relay.client);
      relay.upstream.destroy();
      this.hold(relay.client);
    }
  }

  async restore(): Promise<void> {
    // The same port, which the client was given: a refused port is listened on again.
    if (this.outage === "refused") await this.listen(this.port);
    this.outage = undefined;
  }

  async close(): Promise<void> {
    for (const relay of this.relays) this.end(relay);
    for (const socket of this.silent) socket.destroy();
    await this.stopListening();
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private accept(client: Socket): void {
    client.on("error", () => undefined);
    if (this.outage === "black-holed") return this.hold(client);
    const upstream = connect(Number(this.target.port || 6379), this.target.hostname);
    upstream.on("error", () => undefined);
    const relay = { client, upstream };
    this.relays.add(relay);
    client.pipe(upstream);
    upstream.pipe(client);
    const ended = () => {
      if (this.relays.has(relay)) this.end(relay);
    };
    client.on("close", ended);
    upstream.on("close", ended);
  }

  private end(relay: Relay): void {
    this.relays.delete(relay);
    relay.client.destroy();
    relay.upstream.destroy();
  }

  /** Reads nothing and writes nothing: what is sent stays in the kernel's buffers, unanswered. */
  private hold(socket: Socket): void {
    socket.pause();
    this.silent.add(socket);
    socket.on("close", () => this.silent.delete(socket));
  }
}
