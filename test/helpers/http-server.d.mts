/** A request as the fake API handlers see it. */
export interface FakeRequest {
  method?: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
/** A fake API's answer. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Close the connection without answering (a lost connection). */
  drop?: boolean;
}
/** A running local server. */
export interface FakeServer {
  url: string;
  calls: Map<string, number>;
  close(): Promise<void>;
}
/** Starts a local HTTP server with the handler. */
export function startServer(
  handler: (req: FakeRequest) => FakeResponse | undefined | Promise<FakeResponse | undefined>,
): Promise<FakeServer>;
