/**
 * The command registry, sorted: name → loader. Only the command being run is imported, so the
 * pre-commit hook does not pay for loading the Slack, Jira or SQLite code (start-up time).
 */
import type { RegisterCommand } from "./types.js";

type Loader = () => Promise<RegisterCommand>;

/** Command name → lazy registration. */
export const commands: Readonly<Record<string, Loader>> = {
  baseline: () => import("./baseline.js").then((m) => m.registerBaseline),
  hook: () => import("./hook.js").then((m) => m.registerHook),
  manifest: () => import("./manifest.js").then((m) => m.registerManifest),
  redact: () => import("./redact.js").then((m) => m.registerRedact),
  report: () => import("./report.js").then((m) => m.registerReport),
  rules: () => import("./rules.js").then((m) => m.registerRules),
  scan: () => import("./scan.js").then((m) => m.registerScan),
  sweep: () => import("./sweep.js").then((m) => m.registerSweep),
  verify: () => import("./verify.js").then((m) => m.registerVerify),
  watch: () => import("./watch.js").then((m) => m.registerWatch),
  worker: () => import("./worker.js").then((m) => m.registerWorker),
};
