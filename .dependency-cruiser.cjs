/** Import rules checked by `npm run lint`: no cycles; the library never imports the CLI. */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment:
        "Helpers live where both sides can import them (sources/shared, content/). Imports of types only vanish at run time and may go both ways.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "library-not-cli",
      severity: "error",
      comment: "src/ outside src/cli must stand alone.",
      from: { path: "^src/(?!cli/)" },
      to: { path: "^src/cli/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
