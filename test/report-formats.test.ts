/** The CLI's lazily loaded report formats are the library's reporters, one for one. */
import { describe, expect, it } from "vitest";
import { reportFormats } from "../src/cli/report-formats.js";
import { reporters } from "../src/reporters/index.js";

describe("report formats", () => {
  it("names every reporter of the registry and loads the same factory", async () => {
    expect(Object.keys(reportFormats).sort()).toEqual(Object.keys(reporters).sort());
    for (const [name, load] of Object.entries(reportFormats)) expect(await load()).toBe(reporters[name]);
  });
});
