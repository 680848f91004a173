#!/usr/bin/env node
import { packageTeams } from "../adapters/teams/app-package/package-teams.js";

process.exitCode = await packageTeams(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
