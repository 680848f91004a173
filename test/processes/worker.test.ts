import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseJobQueue } from "../../src/jobs/database-queue.js";
import { openDatabase } from "../../src/records/database.js";
import { tempDir } from "../helpers.js";
import { spawnParcours } from "./parcours-processes.js";

const eventually = async (done: () => boolean | Promise<boolean>) => {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe("parcours worker", () => {
  it("runs the queued work beside nobody serving, and exits 0 on SIGTERM after closing its stores", async () => {
    const url = `sqlite://${join(await tempDir(), "parcours.sqlite")}`;
    const worker = spawnParcours(["worker"], { DATABASE_URL: url, LOG_LEVEL: "info", PORT: "0" });
    await eventually(() => worker.errors().includes("worker running") || worker.output().includes("worker running"));
    // A close for a survey that no longer exists: the handler has nothing to do, and the job is done.
    const database = await openDatabase(url);
    const queue = new DatabaseJobQueue(database);
    await queue.schedule({ id: "survey.close:gone", name: "survey.close", payload: { survey: "8f0e3c9a-1b2c-4d5e-8f90-123456789abc", at: 0 } });
    await eventually(async () => (await database.db.selectFrom("jobs").select("state").where("id", "=", "survey.close:gone").executeTakeFirst())?.state === "done");
    await queue.close();
    await database.close();
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.output() + worker.errors()).toContain("stopping: finishing the work in flight");
  });
});
