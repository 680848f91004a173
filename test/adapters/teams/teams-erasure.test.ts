import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTeamsServer } from "../../../adapters/teams/teams-server.js";
import { loadConfig } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logging/logger.js";
import { TeamsHarness } from "./teams-harness.js";

const TENANT = "00000000-0000-4000-8000-0000000000c1";

describe("delete my data, for what the Teams adapter keeps", () => {
  const harness = new TeamsHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  const say = async (fixture: "personal-message" | "channel-message-mention", from: Record<string, string>, conversationId?: string) => {
    const overrides = conversationId ? { from, conversation: { conversationType: "personal", tenantId: TENANT, id: conversationId } } : { from };
    expect((await harness.post(harness.activity(fixture, overrides))).status).toBe(200);
  };

  it("registers an eraser for the Teams conversation references when the adapter starts", () => {
    expect(harness.parcours.erasure.registered()).toContain("teams conversation references");
  });

  it("removes the user's personal chat and where they were seen, leaves no id of theirs in any row, and records them again when they come back", async () => {
    const leaving = { id: "29:1FakeUserLeaving", name: "Camille Martin", aadObjectId: "00000000-0000-4000-8000-0000000000e1" };
    const staying = { id: "29:1FakeUserStaying", name: "Alex Durand", aadObjectId: "00000000-0000-4000-8000-0000000000e2" };
    await say("personal-message", leaving, "a:leaving-personal");
    await say("channel-message-mention", leaving);
    await say("personal-message", staying, "a:staying-personal");
    expect(await harness.parcours.addresses.personal("teams", leaving.aadObjectId)).toBeDefined();
    expect(await harness.server.references.sighting(leaving.aadObjectId)).toBeDefined();

    await harness.parcours.erasure.erase({ platform: "teams", userId: leaving.aadObjectId });

    const rows = await harness.parcours.addresses.list("teams");
    expect(rows.map((row) => row.conversationId).sort()).toEqual(["19:fakeChannelId0123456789abcdef@thread.tacv2", "a:staying-personal"]);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${leaving.id}|${leaving.aadObjectId}|${leaving.name}`));
    expect(await harness.server.references.sighting(leaving.aadObjectId)).toBeUndefined();
    expect(await harness.parcours.addresses.personal("teams", staying.aadObjectId)).toBeDefined();

    // This process had written that chat already; after the erasure, it writes it again.
    await say("personal-message", leaving, "a:leaving-personal");
    expect((await harness.parcours.addresses.personal("teams", leaving.aadObjectId))?.conversationId).toBe("a:leaving-personal");
  });

  it("finds the personal chat of a user without an Entra object id by their Teams id, the core's id for them", async () => {
    const guest = { id: "29:1FakeUserWithoutEntraId", name: "Guest" };
    await say("personal-message", guest, "a:guest-personal");

    await harness.parcours.erasure.erase({ platform: "teams", userId: guest.id });

    expect(await harness.parcours.addresses.find("teams", "a:guest-personal")).toBeUndefined();
  });
});

describe("the Teams adapter started twice on one core", () => {
  const harness = new TeamsHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it("starts again without an eraser registered twice, and an erasure drops what the second start remembers too", async () => {
    const again = await startTeamsServer({ parcours: harness.parcours, config: loadConfig({ TEAMS_ENABLED: "true", PORT: "0" }), logger: createLogger("silent", harness.logs), host: "127.0.0.1" });
    try {
      expect(harness.parcours.erasure.registered().filter((what) => what === "teams conversation references")).toHaveLength(1);
      const user = { id: "29:1FakeUserTwoStarts", name: "Sam Petit", aadObjectId: "00000000-0000-4000-8000-0000000000e3" };
      const sayToSecond = async () => {
        const activity = harness.activity("personal-message", { from: user, conversation: { conversationType: "personal", tenantId: TENANT, id: "a:two-starts-personal" } });
        const response = await fetch(again.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
        expect(response.status).toBe(200);
      };
      await sayToSecond();
      expect(await harness.parcours.addresses.personal("teams", user.aadObjectId)).toBeDefined();

      await harness.parcours.erasure.erase({ platform: "teams", userId: user.aadObjectId });
      expect(await harness.parcours.addresses.personal("teams", user.aadObjectId)).toBeUndefined();

      // The second start had written that chat; the erasure reached its memo, so it writes it again.
      await sayToSecond();
      expect((await harness.parcours.addresses.personal("teams", user.aadObjectId))?.conversationId).toBe("a:two-starts-personal");
    } finally {
      await again.stop();
    }
  });
});
