import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConversationReferences } from "../../../adapters/teams/conversation-references.js";
import type { Parcours } from "../../../src/parcours.js";
import { testParcours } from "../../helpers.js";
import { fixture } from "./teams-harness.js";

const CHANNEL = "19:fakeChannelId0123456789abcdef@thread.tacv2";
const TEAM = "19:fakeTeamId0123456789abcdef@thread.tacv2";

/** Rows SQLite inserted, updated or deleted on this connection so far: every address book write counts. */
function writes(parcours: Parcours): number {
  if (parcours.database.kind !== "sqlite") throw new Error("these tests count writes on SQLite");
  return (parcours.database.sqlite.prepare("SELECT total_changes() AS n").get() as { n: number }).n;
}

describe("Teams conversation references in the address book", () => {
  let parcours: Parcours;
  let references: ConversationReferences;
  beforeEach(async () => {
    parcours = await testParcours();
    references = new ConversationReferences(parcours);
  });
  afterEach(() => parcours.close());

  it("records a personal chat under the user's id in the core (the Entra object id), without display names", async () => {
    const activity = fixture("personal-message");

    await references.remember(activity);

    const row = await parcours.addresses.find("teams", activity.conversation.id);
    expect(row).toEqual(expect.objectContaining({ kind: "personal", userId: activity.from.aadObjectId }));
    expect(row!.reference).toEqual(
      expect.objectContaining({
        serviceUrl: activity.serviceUrl,
        conversation: expect.objectContaining({ id: activity.conversation.id, conversationType: "personal", tenantId: activity.conversation.tenantId, name: "" }),
        user: { id: activity.from.id, name: "", aadObjectId: activity.from.aadObjectId },
      }),
    );
    expect(JSON.stringify(row)).not.toContain(activity.from.name);
    expect((await parcours.addresses.personal("teams", activity.from.aadObjectId))?.conversationId).toBe(activity.conversation.id);
  });

  it("records a personal chat under the Teams id when the sender has no Entra object id, as the core does", async () => {
    const { aadObjectId: _none, ...from } = fixture("personal-message").from;
    await references.remember({ ...fixture("personal-message"), from });
    expect((await parcours.addresses.personal("teams", from.id))?.reference).toEqual(expect.objectContaining({ user: { id: from.id, name: "" } }));
  });

  it("records a channel without its thread, its team, and no user", async () => {
    const activity = fixture("channel-message-mention");

    await references.remember(activity);

    const row = await parcours.addresses.find("teams", CHANNEL);
    expect(row).toEqual(expect.objectContaining({ kind: "channel", conversationId: CHANNEL }));
    expect(row).not.toHaveProperty("userId");
    expect(row!.reference).toEqual(expect.objectContaining({ teamId: TEAM, conversation: expect.objectContaining({ id: CHANNEL, conversationType: "channel" }) }));
    expect(row!.reference).not.toHaveProperty("user");
    expect(JSON.stringify(row)).not.toMatch(new RegExp(`${activity.from.id}|${activity.from.aadObjectId}|${activity.from.name}`));
  });

  it("records a group chat as a shared conversation, and where its sender was seen", async () => {
    const activity = fixture("group-chat-message");

    await references.remember(activity);

    expect(await parcours.addresses.find("teams", activity.conversation.id)).toEqual(expect.objectContaining({ kind: "group", reference: expect.not.objectContaining({ user: expect.anything() }) }));
    expect(await references.sighting(activity.from.aadObjectId)).toEqual({ conversationId: activity.conversation.id, memberId: activity.from.id });
  });

  it("writes a conversation once while nothing changes, again when it moves, and on every install", async () => {
    const activity = fixture("personal-message");
    const before = writes(parcours);

    for (let i = 0; i < 3; i++) await references.remember({ ...activity, id: `message-${i}` });
    expect(writes(parcours) - before).toBe(1);

    const moved = { ...activity, serviceUrl: "https://smba.trafficmanager.net/amer/" };
    await references.remember(moved);
    expect(writes(parcours) - before).toBe(2);
    expect((await references.find(activity.conversation.id))?.serviceUrl).toBe(moved.serviceUrl);

    await references.remember(moved, { refresh: true });
    expect(writes(parcours) - before).toBe(3);
  });

  it("forgets a conversation the bot was removed from, and records it again when the bot comes back", async () => {
    const activity = fixture("conversation-update-install");
    await references.remember(activity);

    await references.forget(activity.conversation.id);
    expect(await references.find(activity.conversation.id)).toBeUndefined();

    await references.remember(activity);
    expect(await references.find(activity.conversation.id)).toBeDefined();
  });
});
