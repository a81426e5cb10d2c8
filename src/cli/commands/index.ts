/** The command registry, sorted. Adding a command is adding a file and a line. */
import { registerBaseline } from "./baseline.js";
import { registerHook } from "./hook.js";
import { registerManifest } from "./manifest.js";
import { registerRedact } from "./redact.js";
import { registerReport } from "./report.js";
import { registerRules } from "./rules.js";
import { registerScan } from "./scan.js";
import { registerSweep } from "./sweep.js";
import type { RegisterCommand } from "./types.js";
import { registerVerify } from "./verify.js";
import { registerWatch } from "./watch.js";

/** Command name → registration. */
export const commands: Readonly<Record<string, RegisterCommand>> = {
  baseline: registerBaseline,
  hook: registerHook,
  manifest: registerManifest,
  redact: registerRedact,
  report: registerReport,
  rules: registerRules,
  scan: registerScan,
  sweep: registerSweep,
  verify: registerVerify,
  watch: registerWatch,
};
