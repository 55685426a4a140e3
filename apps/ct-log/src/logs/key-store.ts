import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { LogKeyError, LogSigner } from '../formats/log-key';

/**
 * Log signing keys live outside the database: a PEM file under CTLOG_KEY_DIR, or a
 * PEM in `CTLOG_KEY_<NAME>` (a mounted secret). Key material is never logged or returned.
 */
export class KeyStore {
  constructor(
    private readonly directory: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Checks a reference's form without reading it; the problem, or undefined. */
  static problemWith(ref: string): string | undefined {
    if (ref.startsWith('secret:')) return /^secret:[A-Z0-9_]{1,64}$/.test(ref) ? undefined : 'secret references are secret:<NAME> with NAME of [A-Z0-9_]{1,64}';
    if (ref.startsWith('file:')) {
      const path = ref.slice(5);
      if (!path || isAbsolute(path) || path.split(/[\\/]/).includes('..')) return 'file references are relative paths under CTLOG_KEY_DIR, without ".."';
      return undefined;
    }
    return 'the key must be file:<relative path>, secret:<NAME> or generate';
  }

  load(ref: string): LogSigner {
    const problem = KeyStore.problemWith(ref);
    if (problem) throw new LogKeyError(problem);
    if (ref.startsWith('secret:')) {
      const pem = this.env[`CTLOG_KEY_${ref.slice(7)}`];
      if (!pem) throw new LogKeyError(`environment variable CTLOG_KEY_${ref.slice(7)} is not set`);
      return LogSigner.fromPem(pem);
    }
    const path = this.filePath(ref.slice(5));
    if (!existsSync(path)) throw new LogKeyError(`key file ${ref} does not exist under CTLOG_KEY_DIR`);
    return LogSigner.fromPem(readFileSync(path, 'utf8'));
  }

  /** Dev only: a new P-256 key written as `<name>.pem`; returns its reference. */
  generate(name: string): string {
    const ref = `file:${name}.pem`;
    try {
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new KeyWriteError(
        'not_writable',
        `CTLOG_KEY_DIR cannot hold a new key (${(error as NodeJS.ErrnoException).code}); create one with npm run ctlog -- keygen --out FILE, put it under CTLOG_KEY_DIR (or in a CTLOG_KEY_<NAME> secret) and reference it`,
      );
    }
    writeNewKey(this.filePath(`${name}.pem`), ref);
    return ref;
  }

  private filePath(relativePath: string): string {
    const root = resolve(this.directory);
    const path = resolve(root, relativePath);
    const real = existsSync(path) ? realpathSync(path) : path;
    const realRoot = existsSync(root) ? realpathSync(root) : root;
    const inside = relative(realRoot, real);
    if (inside.startsWith('..') || isAbsolute(inside) || inside === '') throw new LogKeyError('the key file resolves outside CTLOG_KEY_DIR');
    return join(realRoot, inside);
  }
}

/** Why a new key file was not written: one is already there, or the place cannot be written. */
export class KeyWriteError extends Error {
  constructor(
    readonly reason: 'exists' | 'not_writable',
    message: string,
  ) {
    super(message);
  }
}

/** A new ECDSA P-256 key as a PKCS#8 PEM file of mode 0600; never over an existing file. */
export function writeNewKey(path: string, shownAs = path): void {
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  try {
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new KeyWriteError('exists', `${shownAs} already exists; reference the existing key, or move it away to generate a new one`);
    throw new KeyWriteError(
      'not_writable',
      `${shownAs} cannot be written (${code}); create the key with npm run ctlog -- keygen --out FILE where it can be, and mount it`,
    );
  }
}
