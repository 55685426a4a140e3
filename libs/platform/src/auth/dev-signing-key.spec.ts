import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDevSigningKey } from './dev-signing-key';

describe('the dev signing key', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'dev-key-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('is made once when many ask for it at the same moment: one key, one file, no drafts left behind', async () => {
    const keys = await Promise.all(Array.from({ length: 24 }, () => loadDevSigningKey(directory)));
    expect(new Set(keys.map((key) => key.kid)).size).toBe(1);
    expect(keys.filter((key) => key.created)).toHaveLength(1);
    expect(readdirSync(directory)).toEqual(['dev-auth-key.json']);
    expect(statSync(join(directory, 'dev-auth-key.json')).mode & 0o777).toBe(0o600);
  });

  it('is read back, not made again, by a later call', async () => {
    const first = await loadDevSigningKey(directory);
    const again = await loadDevSigningKey(directory);
    expect([again.kid, again.created]).toEqual([first.kid, false]);
  });
});
