import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { readAuthConfig } from './auth-config';
import { loadDevSigningKey } from './dev-signing-key';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const TENANT = 'c1000000-0000-4000-8000-000000000001';

describe('TokenVerifier: verified tokens are remembered, their time limits are not', () => {
  const directory = mkdtempSync(join(tmpdir(), 'verifier-keys-'));
  const config = readAuthConfig({ AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: directory }, directory);
  const tolerance = config.clockToleranceSeconds;
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  afterEach(() => jest.useRealTimers());

  const sign = async (times: { exp: number; nbf?: number }, subject = 'dana') => {
    const key = await loadDevSigningKey(directory);
    const jwt = new SignJWT({ tid: TENANT, roles: ['Admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(times.exp);
    if (times.nbf !== undefined) jwt.setNotBefore(times.nbf);
    return jwt.sign(key.privateKey);
  };

  it('refuses a token past its exp even after it was verified while valid', async () => {
    const verifier = new TokenVerifier(config);
    const now = Math.floor(Date.now() / 1000);
    const token = await sign({ exp: now + 5 });
    expect((await verifier.verify(token)).subject).toBe('dana');
    expect((await verifier.verify(token)).subject).toBe('dana');
    jest.useFakeTimers({ now: (now + 5 + tolerance + 2) * 1000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token before its nbf, then accepts it once its time has come', async () => {
    const verifier = new TokenVerifier(config);
    const now = Math.floor(Date.now() / 1000);
    const token = await sign({ exp: now + 3600, nbf: now + 600 });
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
    jest.useFakeTimers({ now: (now + 600) * 1000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    expect((await verifier.verify(token)).tenantId).toBe(TENANT);
  });

  it('never lets a remembered token vouch for an altered one', async () => {
    const verifier = new TokenVerifier(config);
    const token = await sign({ exp: Math.floor(Date.now() / 1000) + 3600 });
    await verifier.verify(token);
    const [header, , signature] = token.split('.');
    const forged = [
      header,
      Buffer.from(JSON.stringify({ tid: TENANT, roles: ['Admin'], sub: 'mallory', exp: 9_999_999_999 })).toString('base64url'),
      signature,
    ].join('.');
    await expect(verifier.verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
