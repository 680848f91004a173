import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BOT_APP_ID, TeamsHarness } from "./teams-harness.js";
import { BOT_FRAMEWORK_ISSUER, FakeBotFrameworkOpenId } from "./fake-openid.js";

/** An older multi-tenant registration: its tokens need no tenant of their own. */
const CREDENTIALS = { MICROSOFT_APP_ID: BOT_APP_ID, MICROSOFT_APP_PASSWORD: "not-a-real-secret", MICROSOFT_APP_TYPE: "MultiTenant" };

/** The public cloud's endpoints, except the signing keys, which come from the fake OpenID server. */
function publicCloudWithKeysFrom(openId: FakeBotFrameworkOpenId) {
  return {
    ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
    ToChannelFromBotOAuthScope: "https://api.botframework.com",
    ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
    OAuthUrl: "https://api.botframework.com",
    ToBotFromChannelOpenIdMetadataUrl: openId.metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openId.metadataUrl,
    CallerId: "urn:botframework:azure",
  };
}

/** An activity that needs no reply, so a handler's run shows in the store, not in outbound calls. */
function installationUpdate(harness: TeamsHarness, conversationId: string) {
  return harness.activity("conversation-update-install", { type: "installationUpdate", action: "add", membersAdded: undefined, conversation: { conversationType: "personal", id: conversationId } });
}

function expectNothingHandled(harness: TeamsHarness): void {
  expect(harness.connector.sent).toEqual([]);
  expect(harness.connector.unexpected).toEqual([]);
  expect(harness.incoming).toEqual([]);
}

describe("Teams adapter with an app id, public cloud endpoints (no network needed to refuse)", () => {
  const harness = new TeamsHarness({ env: CREDENTIALS });
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it("does not warn about running unauthenticated", () => {
    expect(harness.logs.text).not.toMatch(/WITHOUT AUTHENTICATION/);
  });

  it("refuses a request without a token with 401 and runs no handler", async () => {
    const activity = harness.activity("personal-message");
    expect((await harness.post(activity)).status).toBe(401);
    expectNothingHandled(harness);
    expect(await harness.server.references.find(activity.conversation.id)).toBeUndefined();
  });

  it("refuses a token that is not a Bot Framework JWT with 401", async () => {
    expect((await harness.post(harness.activity("personal-message"), { authorization: "Bearer not.a.token" })).status).toBe(401);
    expect((await harness.post(harness.activity("personal-message"), { authorization: "Basic dXNlcjpwYXNz" })).status).toBe(401);
    expectNothingHandled(harness);
  });
});

describe("Teams adapter with an app id, requests signed as the Bot Connector service signs them", () => {
  const openId = new FakeBotFrameworkOpenId();
  let harness: TeamsHarness;
  beforeAll(async () => {
    await openId.start();
    harness = new TeamsHarness({ env: CREDENTIALS, authEndpoints: publicCloudWithKeysFrom(openId) });
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
    await openId.stop();
  });

  it("refuses a token signed with another key", async () => {
    const activity = installationUpdate(harness, "a:forged");
    const forged = openId.token(BOT_APP_ID, activity.serviceUrl, { key: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey });
    expect((await harness.post(activity, { authorization: forged })).status).toBe(401);
    expect(await harness.server.references.find("a:forged")).toBeUndefined();
    expectNothingHandled(harness);
  });

  it("keeps a flood of forged tokens out of standard error: a few one-line log entries a minute instead", async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const before = harness.logs.text.length;
    try {
      const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      for (let i = 0; i < 30; i++) {
        const activity = installationUpdate(harness, `a:flood-${i}`);
        expect((await harness.post(activity, { authorization: openId.token(BOT_APP_ID, activity.serviceUrl, { key }) })).status).toBe(401);
      }
    } finally {
      spy.mockRestore();
    }
    expect(written.join("")).not.toContain("Error finding key");
    const consoleLines = harness.logs.text.slice(before).split("\n").filter((line) => line.includes('"component":"console"'));
    expect(consoleLines.length).toBeGreaterThan(0);
    expect(consoleLines.length).toBeLessThanOrEqual(10);
    expect(consoleLines.every((line) => !line.includes("\\n"))).toBe(true);
  });

  it("refuses a valid token issued to another bot", async () => {
    const activity = installationUpdate(harness, "a:other-bot");
    const token = openId.token("11111111-1111-4111-8111-111111111111", activity.serviceUrl);
    expect((await harness.post(activity, { authorization: token })).status).toBe(401);
    expect(await harness.server.references.find("a:other-bot")).toBeUndefined();
  });

  it("refuses a valid token for another service URL", async () => {
    const activity = installationUpdate(harness, "a:other-service");
    const token = openId.token(BOT_APP_ID, "https://elsewhere.example/");
    expect((await harness.post(activity, { authorization: token })).status).toBe(401);
    expect(await harness.server.references.find("a:other-service")).toBeUndefined();
  });

  it("accepts a correctly signed request and runs its handler", async () => {
    const activity = installationUpdate(harness, "a:signed");
    expect((await harness.post(activity, { authorization: openId.token(BOT_APP_ID, activity.serviceUrl) })).status).toBe(200);
    expect(await harness.server.references.find("a:signed")).toEqual(expect.objectContaining({ serviceUrl: activity.serviceUrl }));
  });
});
