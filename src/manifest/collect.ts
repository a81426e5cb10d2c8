/**
 * Full garbage collections while opening a big manifest (every 100,000 entries). Its two passes over the file leave
 * tens of MB of dead line strings and buffers that V8 would only collect after the heap had grown
 * further (a 1,000,000-entry scan peaked anywhere from 276 to 317 MB with the same tables); the
 * tables themselves are what is left. V8's `gc` is reached the documented way for tools:
 * `--expose-gc` set at run time and the function read from a fresh context. Where that is not
 * possible, nothing happens.
 */
import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | undefined | null;

/** Collects garbage now, if the engine lets us. */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      gc = vm.runInNewContext("gc") as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
