import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repositoryRoot = resolve(__dirname, '../..');

/** Path of a built file. Process-level tests run the build `npm test` makes first; they never rebuild it. */
export function built(path: string): string {
  const file = join(repositoryRoot, 'dist', path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  return file;
}
