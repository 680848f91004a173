import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The issuer of the tokens the Bot Connector service puts on requests to a bot. */
export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";

const base64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

/**
 * Stands in for login.botframework.com's OpenID metadata and signing keys, so that requests can
 * be signed exactly as the Bot Connector service signs them (RS256 JWT, `kid` from the key set).
 */
export class FakeBotFrameworkOpenId {
  private readonly signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private server?: Server;
  readonly kid = "fake-signing-key-1";
  metadataUrl = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const base = this.metadataUrl.replace(/\/[^/]*$/, "");
      if (req.url === "/v1/.well-known/openidconfiguration") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ["RS256"] }));
      } else if (req.url === "/v1/.well-known/keys") {
        const jwk = this.signingKey.publicKey.export({ format: "jwk" });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [{ kty: "RSA", use: "sig", kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ["msteams"] }] }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.metadataUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  }

  /** A Bearer token as the Bot Connector service would send it to `appId` for an activity from `serviceUrl`. */
  token(appId: string, serviceUrl: string, options: { key?: KeyObject } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: this.kid }));
    const payload = base64url(JSON.stringify({ iss: BOT_FRAMEWORK_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 }));
    const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(options.key ?? this.signingKey.privateKey);
    return `Bearer ${header}.${payload}.${base64url(signature)}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
