import { Controller, Get, Module } from '@nestjs/common';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPersistenceConfig } from '@lib/persistence';
import { createService, type CreatedService } from '../bootstrap';
import { requestContext } from '../context/request-context';
import { PlatformModule } from '../platform.module';
import { readAuthConfig, type AuthConfig } from './auth-config';
import { mintDevToken } from './dev-token';
import { Roles } from './roles.decorator';

@Controller('probe')
class ProbeController {
  @Get('whoami')
  whoami() {
    const context = requestContext.current();
    return { tenantId: context?.tenantId, subject: context?.principal?.subject, roles: context?.principal?.roles };
  }

  @Get('admin')
  @Roles('Admin')
  admin() {
    return { ok: true };
  }
}

const TENANT = '3f1c9a52-7b7e-4d4e-9a1f-2b8c6d0e4f11';
const OTHER_TENANT = '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const ISSUER_PATH = '/tenant-issuer';

interface Keys {
  rsa: { privateKey: CryptoKey; publicKey: CryptoKey };
  ec: { privateKey: CryptoKey; publicKey: CryptoKey };
  stranger: { privateKey: CryptoKey };
}

async function startIdentityProvider(keys: Keys): Promise<{ server: Server; issuer: string }> {
  const jwks = {
    keys: [
      { ...(await exportJWK(keys.rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(keys.ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ],
  };
  let issuer = '';
  const server = createServer((request, response) => {
    const body =
      request.url === `${ISSUER_PATH}/.well-known/openid-configuration`
        ? { issuer, jwks_uri: `${issuer}/keys` }
        : request.url === `${ISSUER_PATH}/keys`
          ? jwks
          : undefined;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${ISSUER_PATH}`;
  return { server, issuer };
}

describe('authentication with real signed tokens', () => {
  let keys: Keys;
  let idp: { server: Server; issuer: string };
  let service: CreatedService;
  let base: string;
  let config: AuthConfig;

  const sign = (
    claims: Record<string, unknown>,
    options: { key?: CryptoKey; alg?: string; kid?: string; issuer?: string; audience?: string; exp?: number | string; nbf?: number | string } = {},
  ) => {
    const jwt = new SignJWT({ tid: TENANT, roles: ['Admin'], email: 'ada@example.com', ...claims })
      .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'rsa-1' })
      .setIssuer(options.issuer ?? idp.issuer)
      .setAudience(options.audience ?? 'control-plane-api')
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '5m');
    if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
    return jwt.sign(options.key ?? keys.rsa.privateKey);
  };

  const call = (path: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

  beforeAll(async () => {
    keys = {
      rsa: await generateKeyPair('RS256', { extractable: true }),
      ec: await generateKeyPair('ES256', { extractable: true }),
      stranger: await generateKeyPair('RS256'),
    };
    idp = await startIdentityProvider(keys);
    // Discovery: only the issuer is configured; the JWKS URL comes from its metadata.
    config = readAuthConfig({ AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: 'control-plane-api', METRICS_PUBLIC: 'false' });
    @Module({
      imports: [
        PlatformModule.forRoot({
          migrations: [{ schema: 'auth_test', migrations: [] }],
          config: readPersistenceConfig({ DATABASE_URL: 'sqlite::memory:' }),
          auth: config,
        }),
      ],
      controllers: [ProbeController],
    })
    class AuthTestModule {}
    service = await createService({ name: 'auth-test', title: 'Auth', description: 'Auth test', defaultPort: 1, module: () => AuthTestModule });
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    base = (await service.app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await service?.app.close();
    idp?.server.close();
  });

  it('accepts a valid RS256 token and takes the tenant from it, never from a header', async () => {
    const response = await call('/probe/whoami', await sign({}), { 'x-tenant-id': OTHER_TENANT });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tenantId: TENANT, subject: 'user-1', roles: ['Admin'] });
  });

  it('accepts a valid ES256 token', async () => {
    expect((await call('/probe/whoami', await sign({}, { key: keys.ec.privateKey, alg: 'ES256', kid: 'ec-1' }))).status).toBe(200);
  });

  it('answers 401 with WWW-Authenticate: Bearer when the token is missing', async () => {
    const response = await call('/probe/whoami');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 401, detail: 'Missing authorization header.' });
  });

  it.each([
    ['a malformed token', async () => 'not.a.jwt'],
    ['a token signed by an unknown key', async () => sign({}, { key: keys.stranger.privateKey })],
    ['a token naming an unknown kid', async () => sign({}, { kid: 'rsa-404' })],
    [
      "a token whose payload was changed after signing (another tenant's id)",
      async () => {
        const [header, payload, signature] = (await sign({})).split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
        return [header, Buffer.from(JSON.stringify({ ...claims, tid: OTHER_TENANT })).toString('base64url'), signature].join('.');
      },
    ],
    ['an expired token (beyond the leeway)', async () => sign({}, { exp: Math.floor(Date.now() / 1000) - 120 })],
    ['a token not yet valid (beyond the leeway)', async () => sign({}, { nbf: Math.floor(Date.now() / 1000) + 120 })],
    ['a token for another audience', async () => sign({}, { audience: 'someone-else' })],
    ['a token from another issuer', async () => sign({}, { issuer: 'https://evil.example' })],
    ['a token without a tenant claim', async () => sign({ tid: undefined })],
    ['a token whose tenant is not a UUID', async () => sign({ tid: 'acme' })],
    ['a token whose roles are not a list', async () => sign({ roles: 'Admin' })],
    [
      'an alg:none token',
      async () =>
        unsignedToken({ tid: TENANT, roles: ['Admin'], sub: 'user-1', iss: idp.issuer, aud: 'control-plane-api', exp: Math.floor(Date.now() / 1000) + 300 }),
    ],
    [
      'an HS256 token signed with the public key as the secret',
      async () =>
        hmacToken(await exportSPKI(keys.rsa.publicKey), {
          tid: TENANT,
          roles: ['Admin'],
          sub: 'user-1',
          iss: idp.issuer,
          aud: 'control-plane-api',
          exp: Math.floor(Date.now() / 1000) + 300,
        }),
    ],
  ])('rejects %s with 401', async (_case, makeToken) => {
    const response = await call('/probe/whoami', await makeToken());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await response.json()).toMatchObject({ status: 401, detail: 'Invalid or expired token.' });
  });

  it('tolerates a small clock skew', async () => {
    expect((await call('/probe/whoami', await sign({}, { exp: Math.floor(Date.now() / 1000) - 5 }))).status).toBe(200);
  });

  it('answers 403 to a valid token lacking the role, 200 with it', async () => {
    const response = await call('/probe/admin', await sign({ roles: ['Viewer'] }));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ status: 403, detail: 'One of the following roles is required: Admin' });
    expect((await call('/probe/admin', await sign({}))).status).toBe(200);
  });

  it('keeps health public and puts metrics behind a token when METRICS_PUBLIC=false', async () => {
    expect((await call('/health/live')).status).toBe(200);
    expect((await call('/health/ready')).status).toBe(200);
    expect((await call('/metrics')).status).toBe(401);
    expect((await call('/metrics', await sign({}))).status).toBe(200);
  });

  it('never logs or echoes the token', async () => {
    const token = await sign({}, { key: keys.stranger.privateKey });
    const response = await call('/probe/whoami', token);
    expect(await response.text()).not.toContain(token.split('.')[2]);
  });
});

describe('dev mode', () => {
  it('refuses to start with AUTH_MODE=dev when NODE_ENV=production', () => {
    expect(() => readAuthConfig({ AUTH_MODE: 'dev', NODE_ENV: 'production' })).toThrow(/refused when NODE_ENV=production/);
  });

  it('refuses symmetric or none algorithms in configuration', () => {
    expect(() => readAuthConfig({ AUTH_ISSUER: 'https://i', AUTH_AUDIENCE: 'a', AUTH_ALGORITHMS: 'RS256,HS256' })).toThrow(/HS256/);
    expect(() => readAuthConfig({ AUTH_ISSUER: 'https://i', AUTH_AUDIENCE: 'a', AUTH_ALGORITHMS: 'none' })).toThrow(/none/);
  });

  it('requires an issuer and audience outside dev mode', () => {
    expect(() => readAuthConfig({})).toThrow(/AUTH_ISSUER and AUTH_AUDIENCE are required/);
  });

  it('verifies tokens printed by the token CLI against the local key', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cps-dev-auth-'));
    const config = readAuthConfig({ AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: directory });
    @Module({
      imports: [
        PlatformModule.forRoot({
          migrations: [{ schema: 'dev_test', migrations: [] }],
          config: readPersistenceConfig({ DATABASE_URL: 'sqlite::memory:' }),
          auth: config,
        }),
      ],
      controllers: [ProbeController],
    })
    class DevModule {}
    const { app } = await createService({ name: 'dev', title: 'Dev', description: 'Dev', defaultPort: 1, module: () => DevModule });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const token = await mintDevToken({ tenant: TENANT, roles: ['Admin'], subject: 'newcomer' }, config);
      const response = await fetch(`${base}/probe/whoami`, { headers: { authorization: `Bearer ${token}` } });
      expect(await response.json()).toEqual({ tenantId: TENANT, subject: 'newcomer', roles: ['Admin'] });
      const forged = await mintDevToken(
        { tenant: TENANT },
        readAuthConfig({ AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: mkdtempSync(join(tmpdir(), 'cps-other-key-')) }),
      );
      expect((await fetch(`${base}/probe/whoami`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function unsignedToken(payload: Record<string, unknown>): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}

function hmacToken(secret: string, payload: Record<string, unknown>): string {
  const signingInput = `${base64url({ alg: 'HS256', typ: 'JWT', kid: 'rsa-1' })}.${base64url(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}
