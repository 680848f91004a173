import { describe, expect, it } from "vitest";
import type { Block, FormBlock, Reply } from "../../src/answers/reply.js";
import { DatabaseJobQueue } from "../../src/jobs/database-queue.js";
import { openDatabase } from "../../src/records/database.js";
import { readAnnouncementFile } from "../../src/announcements/announcement-file.js";
import { testParcours } from "../helpers.js";
import { FanOutTestPort } from "./fan-out-port.js";

const AUTHOR = { platform: "test", userId: "LD1", conversationId: "dm:LD1" };
const someone = (userId: string) => ({ platform: "test", userId, conversationId: `dm:${userId}` });

const text = (reply: Reply | undefined) => JSON.stringify(reply?.blocks ?? []);
const buttons = (reply: Reply | undefined) => (reply?.blocks ?? []).flatMap((b: Block) => (b.type === "buttons" ? b.buttons : []));
const formOf = (reply: Reply | undefined) => reply?.blocks.find((b): b is FormBlock => b.type === "form");

async function started(options: { lookable?: boolean } = {}) {
  const clock = { now: Date.parse("2027-01-11T08:00:00Z") };
  const database = await openDatabase("memory://");
  const jobs = new DatabaseJobQueue(database, { now: () => clock.now, pollMs: 10, concurrency: 8 });
  const parcours = await testParcours({ database, jobs, now: () => new Date(clock.now), admins: ["test:LD1", "test:group:S-LD"] });
  const port = new FanOutTestPort("test", options);
  for (const [id, locale] of [["U1", "fr"], ["U2", "en"], ["U3", undefined], ["U4", "fr"], ["LD1", "en"]] as const) port.people.set(id, locale);
  port.channelNames.set("learning-club", "C-club");
  port.members.set("C-club", ["U1", "U2", "U5"]);
  port.groups.set("S-hr", ["U2", "U3"]);
  port.groups.set("S-LD", ["LD2"]);
  parcours.outbound.register(port);
  parcours.startWork();
  const bot = parcours.bot;
  const press = (who: { platform: string; userId: string; conversationId: string }, button: { actionId: string; value: string }) => bot.handleAction({ ...who, ...button });

  /** The author asks, then submits the form as shown with `changes`: answers the preview. */
  async function compose(changes: Record<string, string> = {}, ask = "announce the Learning Architect track") {
    const form = formOf(await bot.handleMessage({ ...AUTHOR, text: ask }));
    if (!form) throw new Error("no form");
    const fields = Object.fromEntries(form.fields.map((f) => [f.id, f.kind === "choices" ? (f.values ?? []) : String(f.value ?? "")]));
    return press(AUTHOR, { actionId: form.submit.actionId, value: JSON.stringify({ context: form.submit.value, fields: { ...fields, ...changes } }) });
  }

  const button = (reply: Reply | undefined, actionId: string) => buttons(reply).find((b) => b.actionId === actionId)!;
  const records = () => bot.announcements.records;
  /** Waits until the announcement is finished or cancelled, as the jobs run. */
  async function settledAnnouncement(id: string) {
    for (;;) {
      const announcement = await records().find(id);
      if (announcement?.status === "done" || announcement?.status === "cancelled") return announcement;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  /** Waits until the author's status card (its post, then its updates) says `expected`. */
  async function cardSays(expected: string) {
    const shown = () => [...port.posts.filter((p) => p.to.conversationId === "dm:LD1"), ...port.updates.filter((u) => u.message.conversationId === "dm:LD1")].map((c) => text(c.reply));
    while (!shown().some((card) => card.includes(expected))) await new Promise((resolve) => setTimeout(resolve, 10));
    return shown().find((card) => card.includes(expected))!;
  }
  const idOf = (reply: Reply | undefined) => (JSON.parse(button(reply, "announcements.confirm").value) as { announcement: string }).announcement;
  return { clock, parcours, port, bot, press, compose, button, records, settledAnnouncement, idOf, jobs, cardSays };
}

describe("programme announcements", () => {
  it("refuses anyone who is not L&D staff, politely, and lets a member of the configured user group in", async () => {
    const { bot, press } = await started();
    const refused = await bot.handleMessage({ ...someone("U9"), text: "let everyone know the Learning Architect track opens in January" });
    expect(text(refused)).toContain("Only the L&D team can send programme announcements");
    expect(formOf(refused)).toBeUndefined();
    const forged = await press(someone("U9"), { actionId: "announcements.create", value: JSON.stringify({ context: "{}", fields: {} }) });
    expect(text(forged)).toContain("Only the L&D team");
    const inGroup = await bot.handleMessage({ ...someone("LD2"), text: "announce the new DLM cohort to everyone" });
    expect(formOf(inGroup)).toBeDefined();
  });

  it("fills the form with what was said, and previews exactly what recipients see with the count per platform", async () => {
    const { bot, compose } = await started();
    const form = formOf(await bot.handleMessage({ ...AUTHOR, text: "tell #learning-club that the learning designer bootcamp has 5 seats left until Monday" }))!;
    const value = (id: string) => (form.fields.find((f) => f.id === id) as { value?: unknown }).value;
    expect(value("channels")).toBe("learning-club");
    expect(String(value("bodyEn"))).toContain("bootcamp has 5 seats left");
    const preview = await compose({ title: "Bootcamp", bodyEn: "Five seats left.", bodyFr: "Cinq places restantes.", channels: "#learning-club", channelMembers: "#learning-club", userGroups: "S-hr", users: "U2, <@U4>" });
    expect(preview?.private).toBe(true);
    expect(text(preview)).toContain("Five seats left.");
    expect(text(preview)).toContain("Cinq places restantes.");
    // U1, U2, U5 (members), U3 (group), U4 (listed); U2 is in three audiences and counted once; one channel.
    expect(text(preview)).toContain("Recipients: 5 people + 1 channel (test)");
    expect(buttons(preview).map((b) => b.actionId)).toEqual(["announcements.confirm", "announcements.cancel"]);
  });

  it("sends once to each recipient, in the language the platform knows for them, and reports it on the author's card", async () => {
    const { compose, press, button, port, settledAnnouncement, idOf, records, cardSays, clock } = await started();
    const preview = await compose({ title: "LA track", bodyEn: "The track opens in January.", bodyFr: "Le parcours ouvre en janvier.", everyone: "yes", channelMembers: "learning-club", engagement: "interested" });
    // The preview's button looks like the recipients' and counts for nothing.
    expect(text(await press(AUTHOR, button(preview, "announcements.engage")))).toContain("This is the preview");
    const confirmed = await press(AUTHOR, button(preview, "announcements.confirm"));
    expect(text(confirmed)).toContain("Sending now");
    const done = await settledAnnouncement(idOf(preview));
    // Everyone who has the app (LD1, U1 to U4) and the channel's members (U1, U2, U5): each once.
    expect(port.receivedPrivately("LA track").sort()).toEqual(["LD1", "U1", "U2", "U3", "U4", "U5"]);
    expect(port.textIn("dm:U1").join()).toContain("Le parcours ouvre en janvier.");
    expect(port.textIn("dm:U2").join()).toContain("The track opens in January.");
    // U3's language is unknown: the deployment's default, English.
    expect(port.textIn("dm:U3").join()).toContain("The track opens in January.");
    expect(port.textIn("dm:U5").join()).toContain("The track opens in January.");
    const counts = await records().counts(done.id);
    expect(counts).toMatchObject({ total: 6, byStatus: { sent: 6, failed: 0, pending: 0, sending: 0 } });
    // The status card went to the author and was updated to its final figures.
    expect(await cardSays("(finished)")).toContain("6 / 6");
    // Engagement: counted once, however often pressed, and shown on the card within a few seconds.
    clock.now += 3_000;
    const engage = button(port.posts.find((p) => p.to.conversationId === "dm:U1")!.reply, "announcements.engage");
    expect(text(await press(someone("U1"), engage))).toContain("Thanks, noted.");
    expect(text(await press(someone("U1"), engage))).toContain("Already noted");
    // A press forged by someone it was not sent to counts for nothing.
    expect(text(await press(someone("U9"), engage))).toContain("can't find that announcement");
    expect((await records().counts(done.id)).engaged).toBe(1);
    clock.now += 3_000;
    expect(await cardSays('"Engaged","value":"1"')).toContain("(finished)");
    const trail = (await records().trail(done.id)).map((t) => t.action);
    expect(trail).toEqual(["announcement.created", "announcement.scheduled", "announcement.sending", "announcement.audience", "announcement.done"]);
  });

  it("reports final refusals each with its reason, retries a rate limit and an outage, and delivers everyone else once", async () => {
    const { compose, press, button, port, settledAnnouncement, idOf, records, clock } = await started();
    port.failures.set("dm:U1", [{ reason: "blocked-by-user" }]);
    port.failures.set("dm:U2", [{ reason: "rate-limited", retryAfterMs: 50 }]);
    port.failures.set("dm:U3", [{ reason: "failed", detail: "503" }]);
    port.failures.set("C-club", [{ reason: "not-in-channel" }]);
    const preview = await compose({ title: "T", bodyEn: "Body.", users: "U1, U2, U3, U4", channels: "#learning-club" });
    await press(AUTHOR, button(preview, "announcements.confirm"));
    // Retries wait on the queue's clock: move it on as a real minute would.
    const ticking = setInterval(() => (clock.now += 5_000), 5);
    const done = await settledAnnouncement(idOf(preview)).finally(() => clearInterval(ticking));
    const counts = await records().counts(done.id);
    expect(counts.byStatus).toMatchObject({ sent: 3, failed: 2 });
    expect(counts.failedByReason).toEqual({ "blocked-by-user": 1, "not-in-channel": 1 });
    expect(port.receivedPrivately().sort()).toEqual(["U2", "U3", "U4"]);
  });

  it("reconciles a send cut short: found on a platform that can look, counted as possibly duplicated where it cannot", async () => {
    for (const lookable of [true, false]) {
      const { compose, press, button, port, settledAnnouncement, idOf, records, clock } = await started({ lookable });
      port.failures.set("dm:U4", ["lost"]);
      const preview = await compose({ title: "T", bodyEn: "Body.", users: "U4" });
      await press(AUTHOR, button(preview, "announcements.confirm"));
      const ticking = setInterval(() => (clock.now += 5_000), 5);
      const done = await settledAnnouncement(idOf(preview)).finally(() => clearInterval(ticking));
      const counts = await records().counts(done.id);
      expect(counts.byStatus.sent).toBe(1);
      expect(port.receivedPrivately().filter((id) => id === "U4")).toHaveLength(lookable ? 1 : 2);
      expect(counts.possiblyDuplicated).toBe(lookable ? 0 : 1);
    }
  });

  it("posts the status card later when its first post is rate limited, and shows the final figures", async () => {
    const { compose, press, button, port, settledAnnouncement, idOf, cardSays, clock } = await started();
    port.failures.set("dm:LD1", [{ reason: "rate-limited", retryAfterMs: 1000 }]);
    const preview = await compose({ title: "T", bodyEn: "Body.", users: "U1, U2" });
    await press(AUTHOR, button(preview, "announcements.confirm"));
    await settledAnnouncement(idOf(preview));
    const ticking = setInterval(() => (clock.now += 1_000), 5);
    const card = await cardSays("(finished)").finally(() => clearInterval(ticking));
    expect(card).toContain("2 / 2");
    expect(port.posts.filter((p) => p.to.conversationId === "dm:LD1")).toHaveLength(1);
  });

  it("schedules for a time in the author's zone, sends nothing before it, and cancelling stops it", async () => {
    const { compose, press, button, port, records, idOf, clock, jobs } = await started();
    const preview = await compose({ title: "T", bodyEn: "Body.", users: "U1, U2", sendDate: "2027-01-12", sendTime: "10:30", timeZone: "Europe/Paris" });
    expect(text(preview)).toContain("12 January 2027");
    const id = idOf(preview);
    expect(text(await press(AUTHOR, button(preview, "announcements.confirm")))).toContain("Scheduled for");
    expect(text(await press(AUTHOR, button(preview, "announcements.confirm")))).toContain("can't be changed");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(port.receivedPrivately()).toEqual([]);
    const cancelled = await press(AUTHOR, button(preview, "announcements.cancel"));
    expect(text(cancelled)).toContain("Announcement cancelled");
    clock.now = Date.parse("2027-01-12T09:31:00Z");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(port.receivedPrivately()).toEqual([]);
    expect((await records().find(id))?.status).toBe("cancelled");
    expect(await jobs.waiting()).toBe(0);
  });

  it("leaves at the scheduled time, once", async () => {
    const { compose, press, button, port, settledAnnouncement, idOf, clock } = await started();
    const preview = await compose({ title: "T", bodyEn: "Body.", users: "U1", sendDate: "2027-01-12", sendTime: "10:30", timeZone: "Europe/Paris" });
    await press(AUTHOR, button(preview, "announcements.confirm"));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(port.receivedPrivately()).toEqual([]);
    clock.now = Date.parse("2027-01-12T09:30:00Z");
    await settledAnnouncement(idOf(preview));
    expect(port.receivedPrivately().filter((id) => id === "U1")).toHaveLength(1);
  });

  it("names the field of every problem: a 20,000-character body, a bad link, nobody to reach, an unknown channel", async () => {
    const { compose } = await started();
    const long = await compose({ title: "T", bodyEn: "x".repeat(20_000), linkUrl: "javascript:alert(1)", users: "U1" });
    expect(text(long)).toContain("Text in English (optional if in French): must be at most 3000 characters (it has 20000)");
    expect(text(long)).toContain("Link button address (https://…, optional): must be an https:// address");
    expect(text(await compose({ title: "T", bodyEn: "B" }))).toContain("nobody would receive it");
    expect(text(await compose({ title: "T", bodyEn: "B", channels: "#nowhere" }))).toContain("no channel named #nowhere");
    expect(text(await compose({ title: "T", bodyEn: "", bodyFr: "", users: "U1" }))).toContain("needs the text in English (en), in French (fr), or both");
  });

  it("reads an announcement file, naming the field of each problem and the line of broken YAML", () => {
    const now = new Date("2027-01-11T08:00:00Z");
    const broken = readAnnouncementFile("title: [unclosed\nbody:\n  en: hi\n", now);
    expect(broken.ok).toBe(false);
    expect(JSON.stringify(broken)).toMatch(/not valid YAML \(line \d+, column \d+\)/);
    const long = readAnnouncementFile(`title: T\nbody:\n  en: "${"x".repeat(20_000)}"\naudience:\n  users: [U1]\n`, now);
    expect(long).toEqual({ ok: false, problems: ["body.en: must be at most 3000 characters (it has 20000)"] });
    const unknown = readAnnouncementFile("title: T\nbody: { en: hi }\naudience: { users: [U1], teams: [x] }\nsendAt: tomorrow\n", now);
    expect(JSON.stringify(unknown)).toContain("audience: Unrecognized key");
    const good = readAnnouncementFile("title: T\nbody: { fr: salut }\naudience: { everyone: true }\nsendAt: 2027-01-12 10:30\ntimeZone: Europe/Paris\n", now);
    expect(good).toMatchObject({ ok: true, sendAt: Date.parse("2027-01-12T09:30:00Z"), timeZone: "Europe/Paris" });
  });

  it("deletes what a recipient's data holds when they ask: their deliveries and their engagement", async () => {
    const { compose, press, button, port, settledAnnouncement, idOf, records, parcours } = await started();
    const preview = await compose({ title: "T", bodyEn: "Body.", users: "U1, U2", engagement: "acknowledge" });
    await press(AUTHOR, button(preview, "announcements.confirm"));
    const done = await settledAnnouncement(idOf(preview));
    await press(someone("U1"), button(port.posts.find((p) => p.to.conversationId === "dm:U1")!.reply, "announcements.engage"));
    await parcours.erasure.erase({ platform: "test", userId: "U1" });
    const left = await records().deliveries(done.id);
    expect(left.map((d) => d.target)).toEqual(["U2"]);
    expect((await records().counts(done.id)).engaged).toBe(0);
    await parcours.erasure.erase({ platform: "test", userId: "LD1" });
    expect((await records().find(done.id))?.authorId).toBe("(erased)");
    expect((await records().trail(done.id)).some((t) => t.actorId === "LD1")).toBe(false);
  });

  it("exports one CSV line per recipient with formula cells escaped", async () => {
    const { compose, press, button, port, settledAnnouncement, idOf } = await started();
    port.people.set("=HYPERLINK(1)", "en");
    const preview = await compose({ title: "T", bodyEn: "Body.", users: "U1, =HYPERLINK(1)" });
    await press(AUTHOR, button(preview, "announcements.confirm"));
    await settledAnnouncement(idOf(preview));
    const csv = text(await press(AUTHOR, { actionId: "announcements.csv", value: button(preview, "announcements.cancel").value }));
    expect(csv).toContain("'=HYPERLINK(1)");
    expect(csv).toContain("test,U1,user,fr,sent");
  });
});
