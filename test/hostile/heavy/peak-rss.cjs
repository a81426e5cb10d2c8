// Preloaded into a CLI run by the heavy tests: at exit, writes the process's peak RSS (KB, worker
// threads included) to the file named by RESIDUE_TEST_PEAK_RSS.
const { writeFileSync } = require("node:fs");

const file = process.env.RESIDUE_TEST_PEAK_RSS;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
