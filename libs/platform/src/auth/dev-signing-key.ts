import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
    try {
      // `wx`: when two services create it at once, the first wins and the other reads it.
      await writeFile(path, JSON.stringify(stored), { mode: 0o600, flag: 'wx' });
      created = true;
    } catch {
      stored = JSON.parse(await readFile(path, 'utf8'));
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
