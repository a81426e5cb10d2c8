/** `residue report [--db FILE] [--run ID] -f text|json|html [-o FILE]`: the exposure report of a sweep. */
import { existsSync } from "node:fs";
import path from "node:path";
import { Option } from "commander";
import { UsageError } from "../../errors.js";
import { DEFAULT_DB, openStore } from "../../store/index.js";
import { loadSweepConfig } from "../../sweep/config.js";
import { reportHtml, reportJson, reportText } from "../../sweep/report.js";
import { reportSink } from "../scan-run.js";
import type { RegisterCommand } from "./types.js";

const FORMATS = { html: reportHtml, json: reportJson, text: reportText };

interface ReportOptions {
  db?: string;
  config?: string;
  run?: number;
  format: keyof typeof FORMATS;
  output?: string;
}

export const registerReport: RegisterCommand = (program, io, exit) => {
  program
    .command("report")
    .description("the exposure report of a sweep run: every copy, new, surviving or gone")
    .option("--db <file>", `the store (default: the config's, else ${DEFAULT_DB})`)
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
      const configDb = opts.config ? loadSweepConfig(path.resolve(io.cwd, opts.config)).db : undefined;
      const db = opts.db ? path.resolve(io.cwd, opts.db) : (configDb ?? path.resolve(io.cwd, DEFAULT_DB));
      if (!existsSync(db))
        throw new UsageError(
          `report: no store at ${path.relative(io.cwd, db) || db}; run \`residue sweep\` first (or name it with --db or -c)`,
        );
      const store = await openStore(db, { create: false });
      try {
        const run = store.reader.run(opts.run);
        if (!run)
          throw new UsageError(
            opts.run === undefined ? `report: ${db} has no runs` : `report: no run ${opts.run}`,
          );
        const sink = reportSink(io, opts.output);
        sink.write(FORMATS[opts.format]({ run, copies: store.reader.copies(run.id), reader: store.reader }));
        sink.close();
      } finally {
        store.close();
      }
      exit(0);
    });
};
