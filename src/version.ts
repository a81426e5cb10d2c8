/** The package version, reported in SARIF and --version. */
export const VERSION = "0.1.0";
