#!/usr/bin/env node
// Serves a generated workspace or site from a child process, so a bench measures the scanner's
// memory and not the fake's: prints one JSON line {url, apiUrl} and serves until stdin closes.
//   node test/helpers/serve-fake.mjs slack CHANNELS MESSAGES
//   node test/helpers/serve-fake.mjs jira ISSUES
import { generatedSite } from "../../fixtures/jira/generate-issues.mjs";
import { generatedWorkspace } from "../../fixtures/slack/generate-workspace.mjs";
import { startFakeJira } from "./fake-jira.mjs";
import { startFakeSlack } from "./fake-slack.mjs";

const [kind, a, b] = process.argv.slice(2);
let server;
if (kind === "slack") {
  const ws = generatedWorkspace({ channels: Number(a), messages: Number(b) });
  const cache = new Map();
  const gen = ws.messages;
  ws.messages = (id) => {
    if (!cache.has(id)) {
      if (cache.size > 16) cache.delete(cache.keys().next().value);
      cache.set(id, gen(id));
    }
    return cache.get(id);
  };
  server = await startFakeSlack(ws, { token: "xoxb-bench" });
} else {
  server = await startFakeJira(generatedSite({ issues: Number(a) }), {
    email: "bench@example.com",
    apiToken: "bench",
  });
}
console.log(JSON.stringify({ url: server.url, apiUrl: server.apiUrl }));
process.stdin.resume();
process.stdin.on("end", () => server.close().then(() => process.exit(0)));
