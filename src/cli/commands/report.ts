/** `residue report [--db FILE] [--run ID] -f text|json|html [-o FILE]`: the exposure report of a sweep. */
import { existsSync } from "node:fs";
import path from "node:path";
import { Option } from "commander";
import { UsageError } from "../../errors.js";
import { DEFAULT_DB, storeFailure } from "../../store/index.js";
import { openSweepStore } from "../../store/open.js";
import { isPostgresUrl } from "../../store/postgres/index.js";
import { loadSweepConfig } from "../../sweep/config.js";
import { reportHtml, reportJson, reportText } from "../../sweep/report.js";
import type { CliIO } from "../io.js";
import { reportSink } from "../scan-run.js";
import type { RegisterCommand } from "./types.js";

const FORMATS = { html: reportHtml, json: reportJson, text: reportText };

interface ReportOptions {
  db?: string;
  store?: string;
  config?: string;
  run?: number;
  format: keyof typeof FORMATS;
  output?: string;
}

/** The store the report reads: --store/--db, else the config's, else the default; it must exist. */
function storeOf(opts: ReportOptions, io: CliIO): string {
  const config = opts.config ? loadSweepConfig(path.resolve(io.cwd, opts.config)) : undefined;
  const given = opts.store ?? opts.db;
  const db = given
    ? isPostgresUrl(given)
      ? given
      : path.resolve(io.cwd, given)
    : (config?.store ?? config?.db ?? path.resolve(io.cwd, DEFAULT_DB));
  if (!isPostgresUrl(db) && !existsSync(db))
    throw new UsageError(
      `report: no store at ${path.relative(io.cwd, db) || db}; run \`residue sweep\` first (or name it with --db or -c)`,
    );
  return db;
}

export const registerReport: RegisterCommand = (program, io, exit) => {
  program
    .command("report")
    .description("the exposure report of a sweep run: every copy, new, surviving or gone")
    .option("--db <file>", `the store (default: the config's, else ${DEFAULT_DB})`)
    .option("--store <url>", "the store: a SQLite file or postgres://user@host/db (same as --db)")
    .option("-c, --config <file>", "take the store from this sweep config")
    .option("--run <id>", "the run (default: the latest)", (v) => {
      if (!/^\d+$/.test(v)) throw new UsageError(`--run: expected a run number, got "${v}"`);
      return Number(v);
    })
    .addOption(
      new Option("-f, --format <format>", "report format").choices(Object.keys(FORMATS)).default("text"),
    )
    .option("-o, --output <file>", "write the report there (default stdout)")
    .action(async (opts: ReportOptions) => {
      const db = storeOf(opts, io);
      const store = await openSweepStore(db, { create: false });
      try {
        const report = await store.report(opts.run);
        if (!report)
          throw new UsageError(
            opts.run === undefined ? `report: ${store.location} has no runs` : `report: no run ${opts.run}`,
          );
        const sink = reportSink(io, opts.output);
        sink.write(FORMATS[opts.format](report));
        sink.close();
      } catch (err) {
        throw storeFailure(db, err);
      } finally {
        await store.close();
      }
      exit(0);
    });
};
