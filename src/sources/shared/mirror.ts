/**
 * A temporary bare mirror of one hosted repository (`git clone --mirror`), for the organization
 * sources. The token never enters the URL or the command line (a URL is printed by git and shown
 * by `ps`, arguments too): it travels as an `Authorization` header through GIT_CONFIG_* variables,
 * which only the same user can read, and only to the host the API named. Nothing prompts.
 */
import { spawn } from "node:child_process";
import { gitEnv, gitReason } from "../git/exec.js";

/** How to reach one repository. */
export interface MirrorSpec {
  /** The HTTPS (or, in tests, file) clone URL the API gave. */
  url: string;
  /** The `Authorization` header value for `host`, when there is a token. */
  auth?: string;
  /** The host the header may go to (the API's, or its web host). */
  hosts: string[];
}

/** Whether the header may go to this URL: an http(s) URL on one of the API's hosts. */
function mayAuthorize(url: string, hosts: string[]): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "https:" || u.protocol === "http:") && hosts.includes(u.host);
  } catch {
    return false;
  }
}

/** Clones `spec.url` as a bare mirror into `dir`; rejects with git's reason (no token in it). */
export function cloneMirror(spec: MirrorSpec, dir: string, signal?: AbortSignal): Promise<void> {
  const env: Record<string, string> = {
    ...gitEnv(),
    // https for hosts, http for self-hosted test servers, file for local mirrors; never ext:: or ssh
    GIT_ALLOW_PROTOCOL: "https:http:file",
  };
  // no stored credentials, and a transfer stalled for a minute ends instead of hanging the scan
  const config: [string, string][] = [
    ["credential.helper", ""],
    ["http.lowSpeedLimit", "1"],
    ["http.lowSpeedTime", "60"],
  ];
  if (spec.auth && mayAuthorize(spec.url, spec.hosts)) config.push(["http.extraHeader", spec.auth]);
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([k, v], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = k;
    env[`GIT_CONFIG_VALUE_${i}`] = v;
  });
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["clone", "--mirror", "--quiet", "--", spec.url, dir], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
      signal,
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => {
      if (stderr.length < 4096) stderr += d;
    });
    child.on("error", (err) => reject(new Error(gitReason(err))));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(gitReason(new Error(stderr || `git clone exited with status ${code}`))));
    });
  });
}

/** The Basic `Authorization` value git hosts take for a token (`user` is the host's token user name). */
export function basicAuth(user: string, token: string): string {
  return `Authorization: Basic ${Buffer.from(`${user}:${token}`).toString("base64")}`;
}
