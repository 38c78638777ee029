/** Whether a history cursor is well formed (the store's own format), so a bad one is a 400, not a store error. */
import { decodeCursor } from '@pokemon/scheduler/store';

/** @internal */
export function isCursor(text: string): boolean {
  try {
    decodeCursor(text);
    return true;
  } catch {
    return false;
  }
}
