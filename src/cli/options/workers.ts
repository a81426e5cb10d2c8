/** `--workers N` for scan and sweep: a whole number of matching threads, checked as it is parsed. */
import { InvalidArgumentError, Option } from "commander";

/** More threads than this only adds start-up time on any machine residue runs on. */
const MAX_WORKERS = 256;

/** Parses a thread count: 0 (match on the main thread) to MAX_WORKERS. */
export function parseWorkers(v: string): number {
  if (!/^\s*\d+\s*$/.test(v) || Number(v) > MAX_WORKERS)
    throw new InvalidArgumentError(`expected a whole number of threads from 0 to ${MAX_WORKERS}`);
  return Number(v);
}

/** The `--workers <n>` option. */
export function workersOption(): Option {
  return new Option("--workers <n>", "matching threads (default 2; 0: none)").argParser(parseWorkers);
}
