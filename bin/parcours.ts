#!/usr/bin/env node
import { existsSync } from "node:fs";
import { runCli } from "./run-cli.js";

// Settings kept in a .env file where the command runs (see .env.example); the environment wins over it.
const ENV_FILE = ".env";
if (existsSync(ENV_FILE)) process.loadEnvFile(ENV_FILE);

/** Once the command is over, nothing a library left open (a timer, a socket) may keep the process from exiting. */
const EXIT_GRACE_MS = 3000;

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
