import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { radarPng, type ChartBlock } from "../../src/assessment/radar-chart.js";
import type { DataSubject, UserErasure } from "../../src/privacy/user-erasure.js";
import { registerAdapterEraser } from "../shared/adapter-erasers.js";

/**
 * A terminal cannot show a picture: each chart goes to a PNG file, in one folder per user so that
 * "delete my data" can remove them. The folder is named by a hash, so the user id is not on disk.
 */
export class ConsoleCharts {
  constructor(private readonly dir: string = join("data", "charts")) {}

  async save(subject: DataSubject, chart: ChartBlock): Promise<string> {
    const png = await radarPng(chart);
    const folder = this.folderOf(subject);
    mkdirSync(folder, { recursive: true });
    const file = resolve(join(folder, `chart-${createHash("sha256").update(png).digest("hex").slice(0, 12)}.png`));
    writeFileSync(file, png);
    return file;
  }

  /** The eraser: every chart of the user, and their folder. */
  async erase(subject: DataSubject): Promise<void> {
    rmSync(this.folderOf(subject), { recursive: true, force: true });
  }

  private folderOf(subject: DataSubject): string {
    return resolve(join(this.dir, createHash("sha256").update(`${subject.platform}:${subject.userId}`).digest("hex").slice(0, 16)));
  }
}

/** The console's chart files, registered to be erased with the rest of the user's data ("delete my data"). */
export function consoleCharts(erasure: UserErasure, dir?: string): ConsoleCharts {
  const charts = new ConsoleCharts(dir);
  registerAdapterEraser(erasure, "console charts", (subject) => charts.erase(subject));
  return charts;
}
