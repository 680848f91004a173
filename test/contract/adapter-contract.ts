import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { shippedCatalog } from "../helpers.js";

/** What a platform showed the user for one reply, reduced to what every platform has. */
export interface SeenReply {
  /** All visible text of the reply (headers, sections, fields, sources, fallback), joined. */
  text: string;
  /** A terminal shows only labels; platforms carry the action id and value on the button. */
  buttons: { label: string; actionId?: string; value?: string; /** what a person types to press it, in a terminal */ typed?: string }[];
}

/**
 * Drives one adapter through its real platform path (signed HTTP to the SDK's receiver, a fake
 * platform API recording what the bot sends, or a terminal), as a user of that platform would.
 */
export interface ContractDriver {
  start(): Promise<void>;
  stop(): Promise<void>;
  ask(text: string): Promise<SeenReply>;
  press(button: SeenReply["buttons"][number]): Promise<SeenReply>;
  /** Delivers the same message `times` times as the platform's retries would; returns how many replies were sent. */
  askRetried?(text: string, times: number): Promise<number>;
}

/** The behaviour every adapter must show, whatever its platform. */
export function adapterContract(name: string, makeDriver: () => ContractDriver): void {
  describe(`${name} adapter contract`, () => {
    const driver = makeDriver();
    beforeAll(() => driver.start());
    afterAll(() => driver.stop());

    it("answers a role question from the catalogue, with its source", async () => {
      const role = (await shippedCatalog()).get("learning-architect");
      const seen = await driver.ask("what does a Learning Architect do?");
      expect(seen.text).toContain(role.names.en);
      expect(seen.text).toContain(role.missions[0]!.text.en);
      expect(seen.text).toContain("Learn Assembly");
    });

    it("answers in French when asked in French", async () => {
      const role = (await shippedCatalog()).get("digital-learning-manager");
      const seen = await driver.ask("c'est quoi un Digital Learning Manager ?");
      expect(seen.text).toContain(role.missions[0]!.text.fr);
    });

    it("round-trips a button's action id and value", async () => {
      const role = (await shippedCatalog()).get("learning-architect");
      const first = await driver.ask("what does a Learning Architect do?");
      const skills = first.buttons.find((b) => b.label === en.buttons.skills);
      expect(skills).toBeDefined();
      if (skills!.actionId !== undefined) expect(skills).toEqual(expect.objectContaining({ actionId: "role.skills", value: "learning-architect" }));
      const seen = await driver.press(skills!);
      expect(seen.text).toContain(role.skills[0]!.name.en);
    });

    it("answers a role in short, its details a button away", async () => {
      const role = (await shippedCatalog()).get("learning-architect");
      const first = await driver.ask("what does a Learning Architect do?");
      expect(first.text).not.toContain(role.missions.at(-1)!.text.en);
      const missions = first.buttons.find((b) => b.label === en.buttons.missions);
      expect(missions).toBeDefined();
      if (missions!.actionId !== undefined) expect(missions).toEqual(expect.objectContaining({ actionId: "role.missions", value: "learning-architect" }));
      const seen = await driver.press(missions!);
      for (const mission of role.missions) expect(seen.text).toContain(mission.text.en);
      expect(seen.text).toContain(role.outlook[0]!.text.en);
    });

    it.runIf(Boolean(driver.askRetried))("handles a delivery retried three times exactly once", async () => {
      expect(await driver.askRetried!("what is a DLM?", 4)).toBe(1);
    });
  });
}
