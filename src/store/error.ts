/** The store's error class. */
import { ResidueError } from "../errors.js";

/** A store that cannot be opened, is locked, or has a newer schema. Exit status 2. */
export class StoreError extends ResidueError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("store", message, options);
  }
}
