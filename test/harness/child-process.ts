import type { ChildProcess } from 'node:child_process';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  ms: number;
}

/** Collects a child's stdout and stderr together; `finished` settles when it exits. */
export function run(child: ChildProcess): { output: () => string; finished: Promise<Finished> } {
  const chunks: string[] = [];
  const started = Date.now();
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const finished = new Promise<Finished>((done) =>
    // 'close', not 'exit': the output streams have ended by then, so nothing written last is missed.
    child.on('close', (code, signal) => done({ code, signal, output: chunks.join(''), ms: Date.now() - started })),
  );
  return { output: () => chunks.join(''), finished };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Retries an assertion until it holds (or the time is up, then its last failure is thrown): a page,
 * a node or a log changes after events this test does not see, as Playwright's own expect() waits for them.
 */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
