/** The shape of one CLI command module. */
import type { Command } from "commander";
import type { CliIO } from "../io.js";

/** Adds a command to the program; `exit(code)` sets the run's exit status. */
export type RegisterCommand = (program: Command, io: CliIO, exit: (code: number) => void) => void;
