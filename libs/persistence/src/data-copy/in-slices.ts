/** Rows handled between two turns of the event loop. */
const SLICE = 500;

/**
 * Calls `visit` for 0..count-1, yielding to the event loop every few hundred calls. A batch's
 * rows take tens of milliseconds; done in one go, the database sessions would sit idle for that
 * long with their next statement or result waiting on this thread.
 */
export async function eachInSlices(count: number, visit: (index: number) => void): Promise<void> {
  for (let start = 0; start < count; start += SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const end = Math.min(start + SLICE, count);
    for (let index = start; index < end; index++) visit(index);
  }
}
