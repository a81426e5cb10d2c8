/**
 * Peers' public negatives and near-misses, run through the whole built-in catalog (not only the
 * rule they imitate): one character off, a wrong checksum, a Power BI link that looks like a
 * Grafana key, asset URLs and hashes that look like keys, ids and variables under secret names.
 * Nothing may be reported above low confidence. Values are made up in the shapes of the cases.
 */
import { describe, expect, it } from "vitest";
import { loadBuiltinCatalog } from "../src/detectors/index.js";
import { createMatchEngine } from "../src/match/index.js";

const engine = createMatchEngine({ manifests: [], rules: await loadBuiltinCatalog() });

const NEAR_MISSES: [string, string][] = [
  ["GitHub token with a wrong checksum", "GITHUB_TOKEN=ghp_Zq4T8mW2vL9pR3xK7nB5cY1dH6sA0eFjQ2aa"],
  ["AWS key id one character short", "aws_access_key_id = AKIAQ7ZL3M2XK4WPN6R"],
  ["Google API key one character short", 'const key = "AIzaSyD4cX9k3lQ7mN2pR8vT1wY6zB5hJ0gFsE";'],
  ["Slack token with an unknown prefix", "SLACK_TOKEN=xoxq-1234567890-0987654321-Zq4T8mW2vL9pR3xK7nB5cY1d"],
  [
    "Power BI link",
    '<iframe src="https://app.powerbi.com/view?r=eyJrIjoiM2YyYTljODEtNmQ0ZS00YjdhLTllMTUtMGM4ZDJmNmE3YjQzIiwidCI6IjhlMWQ1YzJiLTdhOWYtNGUzNi1iMGM0LTJkOWU4ZjFhNmM1NyIsImMiOjl9"></iframe>',
  ],
  ["asset URL under a key name", '"api_key_icon": "/static/media/api-key.3f2a1c9b8e7d6f5a4b3c2d1e.svg",'],
  ["hashed asset name", '<script src="/assets/token-5f2c8e1a4b7d3f6e0a5c8b1d4e7f2a9c.js"></script>'],
  [
    "lockfile integrity",
    '"integrity": "sha512-Zq4T8mW2vL9pR3xK7nB5cY1dH6sA0eFjQ2Lp9XcV4tR7nB3wY6kH1jD5sA0eZq4T8mW2vL9pR3xK7nB5cY1dH6s=="',
  ],
  ["client id under a secret-like name", 'AUTH_CLIENT_ID = "3f1c9a2e-7b4d-4e8a-9c61-2d5f8b0e7a93"'],
  ["key id, not the key", '"private_key_id": "9c2f4a7e1b8d3f6a0e5c9b2d7f4a1e8c5b3d7f2a"'],
  ["variable, not a value", "password = os.environ['DB_PASSWORD']"],
  ["template placeholder", "token: $" + "{{ secrets.DEPLOY_TOKEN }}"],
  ["pagination token", '"nextPageToken": "CiAKG0rZdUWLBam2Is7q51QsgfiO3n0aNj1YA"'],
  [
    "CSRF token in a form",
    '<input type="hidden" name="csrf_token" value="Lk3pxjIN4qDKxGfdyP58myTW9h2NG56U6">',
  ],
  ["commit SHA after 'token'", "fix(token): handle refresh (9c2f4a7e1b8d3f6a0e5c9b2d7f4a1e8c5b3d7f2a)"],
  [
    "JWT-shaped text whose header is not JSON",
    "auth=eyJub3RqcaXNvbiI.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLW5vdA",
  ],
];

describe("near-misses stay quiet", () => {
  it.each(NEAR_MISSES.map(([name, text], i) => [i, name, text] as const))(
    "case %i (%s) is reported nowhere above low",
    (_i, _name, text) => {
      const loud = engine.find(`${text}\n`, "src/config.js").filter((m) => m.confidence !== "low");
      expect(loud.map((m) => m.ruleId)).toEqual([]);
    },
  );
});
