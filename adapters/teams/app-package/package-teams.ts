import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../../../src/config/config.js";
import { packageRoot } from "../../../src/config/package-root.js";
import { AppPackageError, buildAppPackage } from "./build-app-package.js";

const USAGE = `Usage: npm run package:teams -- [--out parcours-teams.zip] [--domain bot.example.org]...
Builds the Teams app package from manifest/teams, with MICROSOFT_APP_ID as the app and bot id.`;

export interface PackageIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd?: string;
}

/** `npm run package:teams`: writes the zip a Teams admin uploads. Returns the exit code. */
export async function packageTeams(argv: string[], io: PackageIo): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, options: { out: { type: "string" }, domain: { type: "string", multiple: true }, help: { type: "boolean" } } });
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const config = loadConfig(io.env);
    if (!config.MICROSOFT_APP_ID) throw new ConfigError("MICROSOFT_APP_ID is required: it is the app's and the bot's id in the package");
    const root = packageRoot();
    const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
    const zip = await buildAppPackage(join(root, "manifest", "teams"), { appId: config.MICROSOFT_APP_ID, version, validDomains: values.domain ?? [] });
    const out = resolve(io.cwd ?? process.cwd(), values.out ?? "parcours-teams.zip");
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, zip);
    io.stdout.write(`Teams app package written to ${out} (${zip.length} bytes)\n`);
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof ConfigError || error instanceof AppPackageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) {
      io.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
      return 1;
    }
    throw error;
  }
}
