import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : [],
  );
}

/**
 * An applied migration's checksum covers its SQL: a migration that imports an app's code would
 * change its SQL, and every installation would refuse to boot, the day that code changes.
 */
describe('migrations are frozen', () => {
  it('import nothing from apps/', () => {
    const offenders = sources(join(ROOT, 'migrations')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'/gm)]
        .map((match) => match[1])
        .filter((target) => target.includes('/apps/') || target.startsWith('apps/'))
        .map((target) => `${relative(ROOT, file)} imports ${target}`),
    );
    expect(offenders).toEqual([]);
  });
});
