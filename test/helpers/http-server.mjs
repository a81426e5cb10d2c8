// A local HTTP server for API-shaped fakes: routes get the parsed request and answer JSON.
// Faults (429 with Retry-After, 5xx, 401) are injected per route by the caller.
import http from "node:http";

/**
 * Starts a server on 127.0.0.1 with a handler (req, body) → {status?, headers?, json?, text?, drop?}.
 * Returns {url, calls, close}; `calls` counts requests per path.
 */
export async function startServer(handler) {
  const calls = new Map();
  const server = http.createServer(async (req, res) => {
    const parts = [];
    for await (const b of req) parts.push(b);
    const body = Buffer.concat(parts).toString("utf8");
    const url = new URL(req.url ?? "/", "http://x");
    calls.set(url.pathname, (calls.get(url.pathname) ?? 0) + 1);
    let out;
    try {
      out = (await handler({ method: req.method, url, headers: req.headers, body })) ?? { status: 404 };
    } catch (err) {
      out = { status: 500, text: String(err) };
    }
    // a lost connection: the socket closes with no answer at all
    if (out.drop) return void req.socket.destroy();
    const headers = { ...(out.headers ?? {}) };
    let payload = out.text ?? "";
    if (out.json !== undefined) {
      payload = JSON.stringify(out.json);
      headers["content-type"] = "application/json; charset=utf-8";
    }
    res.writeHead(out.status ?? 200, headers);
    res.end(payload);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
