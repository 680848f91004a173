import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeZip } from "./write-zip.js";

/** The files of a Teams app package, at the root of the zip as Teams requires. */
export const PACKAGE_FILES = ["manifest.json", "color.png", "outline.png"] as const;

/** Teams identifies an app, and its bot, by the Entra app registration's client id: a GUID. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

export class AppPackageError extends Error {}

export interface AppPackageOptions {
  /** MICROSOFT_APP_ID: both the app id and the bot id. */
  appId: string;
  /** The app's version, from package.json (Teams wants major.minor.patch). */
  version: string;
  /** Host names the app may open; a bot that only chats needs none. */
  validDomains?: string[];
}

/** Fills the `${{…}}` placeholders of manifest/teams/manifest.json. */
export function fillManifest(template: string, options: AppPackageOptions): Record<string, unknown> {
  if (!GUID.test(options.appId)) throw new AppPackageError(`MICROSOFT_APP_ID must be the bot's Entra application (client) id, a GUID; got "${options.appId}"`);
  if (!/^\d+\.\d+\.\d+$/.test(options.version)) throw new AppPackageError(`the app version must be major.minor.patch; got "${options.version}"`);
  const badDomain = options.validDomains?.find((domain) => !HOST.test(domain));
  if (badDomain) throw new AppPackageError(`"${badDomain}" is not a host name (no scheme, no path)`);

  const values: Record<string, string> = { MICROSOFT_APP_ID: options.appId.toLowerCase(), APP_VERSION: options.version };
  const filled = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new AppPackageError(`manifest.json uses an unknown placeholder ${placeholder}`);
    return value;
  });
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  if (options.validDomains?.length) manifest.validDomains = [...new Set(options.validDomains)];
  return manifest;
}

/** The zip a Teams admin uploads: the filled manifest and the two icons. */
export async function buildAppPackage(manifestDir: string, options: AppPackageOptions): Promise<Buffer> {
  const manifest = fillManifest(await readFile(join(manifestDir, "manifest.json"), "utf8"), options);
  return writeZip([
    { name: "manifest.json", data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: "color.png", data: await readFile(join(manifestDir, "color.png")) },
    { name: "outline.png", data: await readFile(join(manifestDir, "outline.png")) },
  ]);
}
