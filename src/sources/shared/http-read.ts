/** Reading an API answer's body under the policy: capped, and checked to be the JSON it claims. */

import type { HttpPolicy } from "./http.js";
import { HttpProblem } from "./http-problem.js";

/** A 2xx API answer checked: an HTML page or JSON that does not parse is an HttpProblem. */
export async function checkedJson(policy: HttpPolicy, res: Response): Promise<Response> {
  const type = (res.headers.get("content-type") ?? "").toLowerCase();
  if (type.includes("text/html")) {
    await res.body?.cancel();
    throw new HttpProblem(
      "not-json",
      `HTTP ${res.status} with an HTML page instead of an API answer (not shown)`,
      res.status,
    );
  }
  if (!type.includes("json") || !res.body || res.status === 204) return res;
  const text = new TextDecoder().decode(await readCapped(res.body, policy.maxJson + 1));
  if (text.length > policy.maxJson)
    throw new HttpProblem("too-large", `an API answer over ${policy.maxJson >> 20} MiB`, res.status);
  try {
    JSON.parse(text);
  } catch {
    throw new HttpProblem(
      "bad-json",
      `HTTP ${res.status} with a truncated or broken JSON answer (not shown)`,
      res.status,
    );
  }
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  const out = new Response(text, { status: res.status, statusText: res.statusText, headers });
  Object.defineProperty(out, "url", { value: res.url });
  return out;
}

/** The response body's bytes, reading at most `cap` (the rest is never downloaded). */
export async function readCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const b of body as unknown as AsyncIterable<Uint8Array>) {
    parts.push(b);
    n += b.length;
    if (n >= cap) break;
  }
  return Buffer.concat(parts).subarray(0, cap);
}
