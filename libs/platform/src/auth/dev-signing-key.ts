import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DevSigningKey {
  /** The key file. */
  readonly path: string;
  /** No key was there: this call made it. */
  readonly created: boolean;
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

const FILE = 'dev-auth-key.json';

/**
 * The local ES256 key of dev mode: created on first use under the data directory (mode 0600),
 * shared by the services and `npm run token`. Never used when AUTH_MODE is not dev.
 */
export async function loadDevSigningKey(directory: string): Promise<DevSigningKey> {
  const path = join(directory, FILE);
  let stored: { kid: string; privateJwk: JWK; publicJwk: JWK };
  let created = false;
  try {
    stored = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    const pair = await generateKeyPair('ES256', { extractable: true });
    stored = { kid: `dev-${Date.now().toString(36)}`, privateJwk: await exportJWK(pair.privateKey), publicJwk: await exportJWK(pair.publicKey) };
    await mkdir(directory, { recursive: true });
    // Written whole under a name of its own, then linked into place: the key file appears complete
    // or not at all, so a process reading it meanwhile never sees it half-written. When two
    // create it at once, the first link wins and the other reads that key.
    const draft = `${path}.${randomBytes(6).toString('hex')}`;
    await writeFile(draft, JSON.stringify(stored), { mode: 0o600, flag: 'wx' });
    try {
      await link(draft, path);
      created = true;
    } catch {
      stored = JSON.parse(await readFile(path, 'utf8'));
    } finally {
      await rm(draft, { force: true });
    }
  }
  return {
    path,
    created,
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, 'ES256')) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, 'ES256')) as CryptoKey,
  };
}
