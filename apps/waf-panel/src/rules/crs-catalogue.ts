import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every rule id and tag defined by the `*.conf` files of a CRS rules directory. */
export function buildCatalogue(directory: string): { ids: number[]; tags: string[] } {
  const ids = new Set<number>();
  const tags = new Set<string>();
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.conf'))
    .sort()) {
    const text = readFileSync(join(directory, file), 'utf8');
    for (const match of text.matchAll(/\bid:(\d+)/g)) ids.add(Number(match[1]));
    for (const match of text.matchAll(/\btag:'([^']+)'/g)) tags.add(match[1]);
  }
  return { ids: [...ids].sort((a, b) => a - b), tags: [...tags].sort() };
}
