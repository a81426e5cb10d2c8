/**
 * Every test file runs with HOME and XDG_CONFIG_HOME in a fresh temporary folder, so nothing a
 * test does (manifest keys, the local fingerprint key) touches the real home folder.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const home = mkdtempSync(path.join(tmpdir(), "residue-test-home-"));
process.env.HOME = home;
process.env.XDG_CONFIG_HOME = path.join(home, ".config");
