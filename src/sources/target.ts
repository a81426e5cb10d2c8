/**
 * The one parser of target strings (`git:../repo`, `slack:?since=…`, `-`, a bare path). The CLI,
 * the sweep config and the scan all go through here; what a prefix means comes from its
 * descriptor (whether its spec is a path, which query keys it takes).
 */
import path from "node:path";
import { UsageError } from "../errors.js";
import type { SourceDescriptor, Target } from "./descriptor.js";
import { descriptorOf, registry } from "./registry.js";

/** A target with the descriptor of its source. */
export interface ParsedTarget {
  target: Target;
  descriptor: SourceDescriptor;
}

/** True for a URL or an scp-like address (`git@host:org/repo`): never a local path. */
export function isUrlSpec(spec: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) || /^[^/:]+@[^/:]+:/.test(spec);
}

/** A target as it may be printed: a URL's user and password hidden. */
export function shownTarget(raw: string): string {
  return raw.replace(/(:\/\/)[^/@?#]*@/, "$1…@");
}

/** Splits a target into its descriptor, the spec and the raw query string. */
function split(raw: string): { descriptor: SourceDescriptor; spec: string; query: string } {
  if (raw === "-") return { descriptor: registry.stdin as SourceDescriptor, spec: "-", query: "" };
  const m = /^([a-z][a-z0-9-]*):(.*)$/s.exec(raw);
  const named = m && m[1] !== "stdin" ? descriptorOf(m[1]!) : undefined;
  const descriptor = named ?? (registry.fs as SourceDescriptor);
  const rest = named ? m![2]! : raw;
  const keys = Object.keys(descriptor.query.shape);
  if (!keys.length) return { descriptor, spec: rest, query: "" };
  if (!descriptor.isPath) {
    const q = rest.indexOf("?");
    return q === -1
      ? { descriptor, spec: rest, query: "" }
      : { descriptor, spec: rest.slice(0, q), query: rest.slice(q + 1) };
  }
  // a path may itself hold a "?": only a tail that starts with one of the keys is a query
  const q = rest.lastIndexOf("?");
  const tail = q === -1 ? "" : rest.slice(q + 1);
  if (!keys.some((k) => tail.startsWith(`${k}=`))) return { descriptor, spec: rest, query: "" };
  return { descriptor, spec: rest.slice(0, q), query: tail };
}

/** Validates a query string against the descriptor; UsageError naming the target and the key. */
function parseQuery(raw: string, d: SourceDescriptor, query: string): Record<string, unknown> {
  const params = new URLSearchParams(query);
  const allowed = Object.keys(d.query.shape);
  for (const key of params.keys()) {
    if (!allowed.includes(key))
      throw new UsageError(
        `${shownTarget(raw)}: unknown parameter "${key}"; allowed: ${allowed.join(", ") || "none"}`,
      );
  }
  const res = d.query.safeParse(Object.fromEntries(params));
  if (res.success) return res.data as Record<string, unknown>;
  const issue = res.error.issues[0]!;
  throw new UsageError(`${shownTarget(raw)}: ${issue.path.join(".") || "query"}: ${issue.message}`);
}

/** Parses a target; a path spec is resolved against `cwd` for reading. Throws UsageError. */
export function parseTarget(raw: string, cwd = process.cwd()): ParsedTarget {
  const { descriptor, spec, query } = split(raw);
  const problem = descriptor.checkSpec?.(spec);
  if (problem) throw new UsageError(`${shownTarget(raw)}: ${problem}`);
  const target: Target = {
    raw,
    prefix: descriptor.prefix,
    spec,
    query: parseQuery(raw, descriptor, query),
  };
  if (descriptor.isPath && !isUrlSpec(spec)) target.path = path.resolve(cwd, spec || ".");
  return { target, descriptor };
}

/** The target with its path spec rewritten by `fn` (prefix and query kept); others unchanged. */
function rewritePath(raw: string, fn: (spec: string) => string): string {
  const { descriptor, spec, query } = split(raw);
  if (!descriptor.isPath || isUrlSpec(spec) || raw === "-") return raw;
  const prefix = raw.startsWith(`${descriptor.prefix}:`) ? `${descriptor.prefix}:` : "";
  return `${prefix}${fn(spec)}${query ? `?${query}` : ""}`;
}

/**
 * A command-line target as findings show it: a path relative to `cwd` when it is inside it,
 * else absolute (the scan then reads it against the same `cwd`).
 */
export function displayTarget(cwd: string, raw: string): string {
  return rewritePath(raw, (spec) => {
    const abs = path.resolve(cwd, spec || ".");
    const rel = path.relative(cwd, abs) || ".";
    return rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel;
  });
}

/** A target with its path made absolute against `dir` (sweep configs: ids stay whatever the cwd). */
export function absoluteTarget(dir: string, raw: string): string {
  return rewritePath(raw, (spec) => path.resolve(dir, spec || "."));
}
