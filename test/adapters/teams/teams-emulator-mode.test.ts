import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackUrl } from "../../../adapters/teams/emulator-mode.js";
import { TeamsHarness } from "./teams-harness.js";

/** An activity that needs no reply: whether it ran shows in the stored conversation reference. */
function installationUpdate(harness: TeamsHarness, conversationId: string, serviceUrl: string) {
  return harness.activity("conversation-update-install", { type: "installationUpdate", action: "add", membersAdded: undefined, serviceUrl, conversation: { conversationType: "personal", id: conversationId } });
}

describe("Teams without an app id (emulator mode)", () => {
  const harness = new TeamsHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it.each([
    ["Teams' own service", "https://smba.trafficmanager.net/emea/"],
    ["a host named like loopback", "http://127.0.0.1.attacker.example/"],
    ["a host under localhost's name", "http://localhost.attacker.example/"],
    ["a private network address", "http://10.0.0.8:3978/"],
  ])("refuses with 400 an activity whose serviceUrl is %s, and runs no handler", async (_name, serviceUrl) => {
    const activity = harness.activity("personal-message", { serviceUrl });
    expect((await harness.post(activity)).status).toBe(400);
    expect(harness.incoming).toEqual([]);
    expect(harness.connector.sent).toEqual([]);
    expect(await harness.server.references.find(activity.conversation.id)).toBeUndefined();
  });

  it.each([["http://127.0.0.1:9/"], ["http://127.8.9.10:9/"], ["http://localhost:9/"], ["http://[::1]:9/"]])("accepts an activity whose serviceUrl is the loopback %s", async (serviceUrl) => {
    const activity = installationUpdate(harness, `a:loopback-${serviceUrl}`, serviceUrl);
    expect((await harness.post(activity)).status).toBe(200);
    expect(await harness.server.references.find(activity.conversation.id)).toEqual(expect.objectContaining({ serviceUrl }));
  });

  it("still warns loudly that it runs without authentication", () => {
    expect(harness.logs.text).toMatch(/WITHOUT AUTHENTICATION/);
  });
});

describe("isLoopbackUrl", () => {
  it("knows 127.0.0.0/8, localhost and [::1], and nothing else", () => {
    expect(["http://127.0.0.1/", "https://127.255.0.1:8443/x", "http://LOCALHOST:3978/", "http://[::1]:3978/"].map(isLoopbackUrl)).toEqual([true, true, true, true]);
    expect(["http://128.0.0.1/", "http://0.0.0.0/", "http://[::]/", "http://127.0.0.1.nip.io/", "not a url", ""].map(isLoopbackUrl)).toEqual([false, false, false, false, false, false]);
  });
});
