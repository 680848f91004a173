import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/config.js";
import { packageRoot } from "../../src/config/package-root.js";

describe("configuration documentation", () => {
  const variables = Object.keys(configSchema.shape);
  const readme = readFileSync(join(packageRoot(), "README.md"), "utf8");
  const example = readFileSync(join(packageRoot(), ".env.example"), "utf8");

  it.each(variables)("%s is in the README's table and in .env.example", (name) => {
    expect(readme).toContain(`| \`${name}\` |`);
    expect(example).toMatch(new RegExp(`^${name}=`, "m"));
  });
});
