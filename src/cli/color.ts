/**
 * Whether to colour output, by the conventions users expect (no-color.org, force-color.org):
 * `--color always|never` wins; else FORCE_COLOR (not "0") turns colour on, NO_COLOR (any value)
 * turns it off, and otherwise colour goes to a terminal only (not TERM=dumb).
 */
import { UsageError } from "../errors.js";
import type { CliIO } from "./io.js";

/** The values of --color. */
export const COLOR_WHEN = ["auto", "always", "never"] as const;

/** True when output to `stream` should be coloured. */
export function useColor(
  when: string | undefined,
  io: CliIO,
  stream: { isTTY?: boolean } = io.stdout,
): boolean {
  const w = when ?? "auto";
  if (!(COLOR_WHEN as readonly string[]).includes(w))
    throw new UsageError(`--color: expected auto, always or never, got "${w}"`);
  if (w !== "auto") return w === "always";
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "0" && force !== "false") return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  return !!stream.isTTY && io.env.TERM !== "dumb";
}
