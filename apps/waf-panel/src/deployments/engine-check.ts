import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * WAF_ENGINE_CHECK_CMD: the files in a fresh directory, the command run without a
 * shell with that directory as its only argument; exit 0 passes, anything else returns the
 * first 8 KiB of its output.
 */
export async function runEngineCheck(command: string, timeoutMs: number, files: ReadonlyArray<{ path: string; content: string }>): Promise<string | null> {
  const directory = await mkdtemp(join(tmpdir(), 'waf-engine-check-'));
  try {
    for (const file of files) {
      const target = join(directory, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    return await new Promise((resolve) => {
      execFile(command, [directory], { timeout: timeoutMs, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
        if (!error) return resolve(null);
        const output = `${stdout}${stderr}`.trim() || (error.killed ? `timed out after ${timeoutMs} ms` : error.message);
        resolve(output.slice(0, 8192));
      });
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
