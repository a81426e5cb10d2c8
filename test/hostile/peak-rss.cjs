// Preloaded (node --require) by the memory tests: writes the process's peak RSS (KiB, worker
// threads included) to RESIDUE_PEAK_FILE when it exits.
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  if (process.env.RESIDUE_PEAK_FILE)
    writeFileSync(process.env.RESIDUE_PEAK_FILE, String(process.resourceUsage().maxRSS));
});
