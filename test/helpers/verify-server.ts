import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake provider received. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the fake provider answers: a status and body, or no answer at all (`hang`). */
export interface Reply {
  status?: number;
  body?: string;
  hang?: boolean;
  delayMs?: number;
}

/** A local HTTP server imitating providers: records each request, answers with `reply(req)`. */
export interface FakeProvider {
  url: string;
  seen: SeenRequest[];
  maxInFlight: number;
  reply: (req: SeenRequest) => Reply;
  close(): Promise<void>;
}

/** Starts the fake provider on a free port of 127.0.0.1. */
export async function fakeProvider(): Promise<FakeProvider> {
  let inFlight = 0;
  const fake: FakeProvider = {
    url: "",
    seen: [],
    maxInFlight: 0,
    reply: () => ({ status: 200, body: "{}" }),
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const seen = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(parts).toString("utf8"),
      };
      fake.seen.push(seen);
      const r = fake.reply(seen);
      if (r.hang) return;
      fake.maxInFlight = Math.max(fake.maxInFlight, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(r.status ?? 200, { "content-type": "application/json" });
        res.end(r.body ?? "");
      }, r.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
