/**
 * Browser-facing hardening on a real service (Fastify, guards, filter) as production runs it:
 * security headers on every answer, HSTS only when the trusted proxy says the client used TLS,
 * and the OpenAPI UI off unless asked for.
 */
import { connect } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import { readPersistenceConfig } from '@lib/persistence';
import { readAuthConfig } from './auth/auth-config';
import { createService, type CreatedService } from './bootstrap';
import { PlatformModule } from './platform.module';

@Controller('secret')
class SecretController {
  @Get()
  read() {
    return { secret: true };
  }
}

async function start(env: Record<string, string>): Promise<{ service: CreatedService; base: string }> {
  @Module({
    imports: [
      PlatformModule.forRoot({
        migrations: [{ schema: 'hardening_test', migrations: [] }],
        config: readPersistenceConfig({ DATABASE_URL: 'sqlite::memory:' }),
        auth: readAuthConfig({ AUTH_ISSUER: 'https://issuer.test', AUTH_AUDIENCE: 'api' }),
      }),
    ],
    controllers: [SecretController],
  })
  class HardeningModule {}
  const service = await createService(
    { name: 'hardening', title: 'Hardening', description: 'test', defaultPort: 0, module: () => HardeningModule },
    { env: { PORT: '1', ...env } },
  );
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  return { service, base: (await service.app.getUrl()).replace('[::1]', '127.0.0.1') };
}

const HARDENING = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
};

describe('HTTP hardening in production', () => {
  let running: { service: CreatedService; base: string };
  beforeAll(async () => {
    running = await start({ NODE_ENV: 'production', TRUST_PROXY_HOPS: '1' });
  });
  afterAll(() => running?.service.app.close());

  it.each([
    ['health', '/health/live', {}, 200],
    ['an unauthenticated request', '/secret', {}, 401],
    ['an unknown route', '/nowhere', {}, 404],
    // https://issuer.test does not resolve: the token can be judged neither good nor bad.
    ['a token while the identity provider is unreachable', '/secret', { authorization: 'Bearer x.y.z' }, 503],
  ])('sets the security headers on %s', async (_what, path, headers, status) => {
    const response = await fetch(`${running.base}${path}`, { headers });
    expect(response.status).toBe(status);
    for (const [name, value] of Object.entries(HARDENING)) expect(response.headers.get(name)).toBe(value);
  });

  it("answers 503 with Retry-After, not 401, while the issuer's keys cannot be fetched", async () => {
    const response = await fetch(`${running.base}/secret`, { headers: { authorization: 'Bearer x.y.z' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends HSTS only when the trusted proxy reports TLS', async () => {
    const plain = await fetch(`${running.base}/health/live`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const behindTls = await fetch(`${running.base}/health/live`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('serves no OpenAPI document or UI unless API_DOCS=true', async () => {
    expect((await fetch(`${running.base}/api/docs`)).status).toBe(404);
    expect((await fetch(`${running.base}/api/docs-json`)).status).toBe(404);
  });

  it('serves the UI under a strict CSP when API_DOCS=true', async () => {
    const docs = await start({ NODE_ENV: 'production', API_DOCS: 'true' });
    try {
      const page = await fetch(`${docs.base}/api/docs`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toBe(HARDENING['content-security-policy']);
      expect((await fetch(`${docs.base}/api/docs-json`)).status).toBe(200);
    } finally {
      await docs.service.app.close();
    }
  });
});

describe('HTTP hardening without a proxy', () => {
  it('ignores X-Forwarded-Proto from the client itself: no HSTS over plain HTTP', async () => {
    const direct = await start({});
    try {
      const response = await fetch(`${direct.base}/health/live`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(response.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await direct.service.app.close();
    }
  });
});

describe('a request that trickles in', () => {
  it('is cut off with 408 once REQUEST_TIMEOUT_MS has passed, and the server keeps serving', async () => {
    const slow = await start({ REQUEST_TIMEOUT_MS: '700' });
    try {
      const { port } = new URL(slow.base);
      const socket = connect(Number(port), '127.0.0.1');
      const started = Date.now();
      const answer = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
      });
      // Headers promise a body that never finishes arriving.
      socket.write('POST /secret HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
      expect(await answer).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
      expect((await fetch(`${slow.base}/health/live`)).status).toBe(200);
    } finally {
      await slow.service.app.close();
    }
  });
});
