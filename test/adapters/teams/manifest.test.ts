import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { inflateRawSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AppPackageError, buildAppPackage, fillManifest, PACKAGE_FILES } from "../../../adapters/teams/app-package/build-app-package.js";
import { packageTeams } from "../../../adapters/teams/app-package/package-teams.js";
import { crc32 } from "../../../adapters/teams/app-package/write-zip.js";
import { packageRoot } from "../../../src/config/package-root.js";
import { userCommand } from "../../../src/conversation/user-commands.js";
import { RuleBasedUnderstanding } from "../../../src/understanding/rule-based-understanding.js";
import { Capture, shippedCatalog, tempDir } from "../../helpers.js";

const MANIFEST_DIR = join(packageRoot(), "manifest", "teams");
const TEMPLATE = readFileSync(join(MANIFEST_DIR, "manifest.json"), "utf8");
const APP_ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const VERSION = (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HTTPS = /^https:\/\/[^\s]+$/;

interface Png {
  width: number;
  height: number;
  colorType: number;
  rgba: Buffer;
}

/** Reads an 8-bit RGBA PNG: size from IHDR, pixels from IDAT with the five PNG row filters undone. */
function readPng(file: Buffer): Png {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  expect(file.toString("ascii", 12, 16)).toBe("IHDR");
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  const colorType = file[25]!;
  const idat: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    if (file.toString("ascii", at + 4, at + 8) === "IDAT") idat.push(file.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return a <= b && a <= c ? left : b <= c ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter]!;
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, colorType, rgba };
}

/** The names and contents of a zip, read from its central directory, each checked against its CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [method, crc, compressedSize, nameLength, extraLength, commentLength, localOffset] = [
      zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32), zip.readUInt32LE(at + 42),
    ];
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    expect(method).toBe(8);
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + compressedSize));
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

describe("manifest/teams", () => {
  const manifest = fillManifest(TEMPLATE, { appId: APP_ID, version: VERSION }) as Record<string, any>;

  it("is on a current manifest schema, whose version it declares", () => {
    const schema = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v(1\.\d+)\/MicrosoftTeams\.schema\.json$/.exec(manifest.$schema);
    expect(schema).not.toBeNull();
    expect(manifest.manifestVersion).toBe(schema![1]);
    expect(Number(manifest.manifestVersion.split(".")[1])).toBeGreaterThanOrEqual(17);
  });

  it("has every field the schema requires, within its limits", () => {
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.id).toMatch(GUID);
    expect(manifest.developer.name).toEqual(expect.any(String));
    for (const url of ["websiteUrl", "privacyUrl", "termsOfUseUrl"]) expect(manifest.developer[url]).toMatch(HTTPS);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
    expect(manifest.validDomains).toEqual([]);
  });

  it("declares one bot, with the app's id, in personal, team and group chat scopes", () => {
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect(bot.botId).toBe(APP_ID);
    expect([...bot.scopes].sort()).toEqual(["groupChat", "personal", "team"]);
    expect(bot.isNotificationOnly).toBe(false);
  });

  it("lists commands within Teams' limits, each one a question Parcours understands or a command on the user's own data", async () => {
    const understanding = new RuleBasedUnderstanding(await shippedCatalog());
    const [list] = manifest.bots[0].commandLists;
    expect(list.commands.length).toBeGreaterThan(0);
    expect(list.commands.length).toBeLessThanOrEqual(10);
    for (const command of list.commands) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
      // "my results", "delete my data" are read before any question is understood.
      if (userCommand(command.title)) continue;
      expect(understanding.understand(command.title, { fallbackLocale: "en" }).intent, command.title).not.toBe("unknown");
    }
  });

  it("ships a 192×192 colour icon and a 32×32 outline icon, white on transparent", () => {
    const color = readPng(readFileSync(join(MANIFEST_DIR, "color.png")));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(readFileSync(join(MANIFEST_DIR, "outline.png")));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const [r, g, b, a] = outline.rgba.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        drawn++;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(drawn).toBeGreaterThan(32);
  });
});

describe("the Teams app package", () => {
  it("zips the filled manifest and both icons at the root", async () => {
    const zip = await buildAppPackage(MANIFEST_DIR, { appId: APP_ID.toUpperCase(), version: "1.2.3", validDomains: ["parcours.example.org"] });
    const files = readZip(zip);
    expect([...files.keys()]).toEqual([...PACKAGE_FILES]);
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8"));
    expect(manifest).toEqual(expect.objectContaining({ id: APP_ID, version: "1.2.3", validDomains: ["parcours.example.org"] }));
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toContain("${{");
    expect(files.get("color.png")).toEqual(readFileSync(join(MANIFEST_DIR, "color.png")));
  });

  it.runIf(existsSync("/usr/bin/unzip"))("is a zip that the standard unzip tool accepts", async () => {
    const dir = await tempDir();
    const file = join(dir, "parcours-teams.zip");
    const io = { env: { MICROSOFT_APP_ID: APP_ID }, stdout: new Capture(), stderr: new Capture(), cwd: dir };
    expect(await packageTeams(["--out", "parcours-teams.zip"], io)).toBe(0);
    const listing = execFileSync("/usr/bin/unzip", ["-t", file], { encoding: "utf8" });
    expect(listing).toMatch(/No errors detected/);
    for (const name of PACKAGE_FILES) expect(listing).toContain(name);
    expect(io.stdout.text).toContain(file);
  });

  it("refuses to package without a GUID app id", async () => {
    const io = { env: {}, stdout: new Capture(), stderr: new Capture(), cwd: await tempDir() };
    expect(await packageTeams([], io)).toBe(1);
    expect(io.stderr.text).toContain("MICROSOFT_APP_ID is required");
    expect(() => fillManifest(TEMPLATE, { appId: "parcours-bot", version: "1.0.0" })).toThrow(AppPackageError);
    expect(() => fillManifest(TEMPLATE, { appId: APP_ID, version: "1.0.0", validDomains: ["https://x.example/path"] })).toThrow(/not a host name/);
  });

  it("is the same archive for the same inputs", async () => {
    const options = { appId: APP_ID, version: "1.0.0" };
    expect(await buildAppPackage(MANIFEST_DIR, options)).toEqual(await buildAppPackage(MANIFEST_DIR, options));
    expect((await readFile(join(MANIFEST_DIR, "manifest.json"), "utf8"))).toContain("${{MICROSOFT_APP_ID}}");
  });
});
