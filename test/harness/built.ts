import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const above = resolve(__dirname, '../..');
/** The checkout's root, from the sources (tests) or from dist/ (the benchmarks run compiled). */
export const repositoryRoot = basename(above) === 'dist' ? dirname(above) : above;

/** Path of a built file. Process-level tests run the build `npm test` makes first; they never rebuild it. */
export function built(path: string): string {
  const file = join(repositoryRoot, 'dist', path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  return file;
}
