/**
 * Hostile HTTP servers for the HTTP policy tests (issue 16.3): each answers a chosen path badly —
 * never answers, trickles a byte at a time, loops its page token, answers an HTML page with 200,
 * or sends truncated JSON — and every other path with what the test gives. Real clients are
 * pointed at them; nothing is stubbed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { addToManifest } from "../../src/manifest/index.js";
import { cli } from "../helpers/cli.js";
import { fakeSecret } from "../helpers/literal-matcher.js";

/** How a route misbehaves. */
export type Behaviour = "hang" | "trickle" | "html" | "truncated" | { json: unknown };

/** A running server: its base URL, how often each path was asked for, and how to stop it. */
export interface HostileServer {
  url: string;
  calls: Map<string, number>;
  close(): Promise<void>;
}

/** An HTML login page holding a value that must never be echoed into an error reason. */
export const LOGIN_PAGE_MARK = "fake_login_page_marker_Q7x9";

/** Starts a server answering each request by `route(pathname, query)`; undefined means 404. */
export async function hostileServer(
  route: (path: string, query: URLSearchParams) => Behaviour | undefined,
): Promise<HostileServer> {
  const calls = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer(async (req, res) => {
    for await (const _ of req);
    const url = new URL(req.url ?? "/", "http://x");
    calls.set(url.pathname, (calls.get(url.pathname) ?? 0) + 1);
    const how = route(url.pathname, url.searchParams);
    if (how === undefined) return void res.writeHead(404).end();
    if (how === "hang") return; // the connection stays open, nothing is ever sent
    if (how === "html")
      return void res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(`<html><body><form>Log in ${LOGIN_PAGE_MARK}</form></body></html>`);
    if (how === "truncated")
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end('{"ok":true,"issues":[{"id":"1","key');
    if (how === "trickle") {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      // a byte every 100 ms: never idle long enough for the idle timeout, never done
      const t = setInterval(() => res.write(" "), 100);
      timers.add(t);
      res.on("close", () => clearInterval(t));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(how.json));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const out: HostileServer = {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  running.push(out);
  return out;
}

const running: HostileServer[] = [];

/** Stops every server started so far (afterEach). */
export async function closeServers(): Promise<void> {
  await Promise.all(running.splice(0).map((s) => s.close()));
}

/** The environment that bounds every request: a 1 s deadline and one retry. */
export const BOUNDED = { RESIDUE_HTTP_TIMEOUT: "1", RESIDUE_HTTP_RETRIES: "1" };

/** A manifest holding one fake secret, a sibling folder holding a copy, and a scan that checks its output. */
export async function hostileScanSetup(name: string) {
  const secret = fakeSecret(`fake_${name}host_`, 32);
  const dir = mkdtempSync(path.join(tmpdir(), `residue-http-${name}-`));
  const manifest = path.join(dir, "m.json");
  const sibling = path.join(dir, "sibling");
  await addToManifest(manifest, [{ id: "leaked", value: secret }], { env: {} });
  mkdirSync(sibling);
  writeFileSync(path.join(sibling, "app.env"), `TOKEN=${secret}\n`);
  /** Scans the targets as JSON; no response body and no secret may appear in any output. */
  async function scanJson(env: Record<string, string>, ...targets: string[]) {
    const r = await cli(["scan", "-m", manifest, "-f", "json", ...targets], { env });
    expect(r.out + r.err).not.toContain(LOGIN_PAGE_MARK);
    expect(r.out + r.err).not.toContain(secret);
    const doc = JSON.parse(r.out) as { errors: { item: string; reason: string }[]; findings: unknown[] };
    return { code: r.code, errors: doc.errors, findings: doc.findings };
  }
  return { sibling, scanJson };
}
