import { Body, Controller, Get, Logger, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, Length, Min, ValidateNested } from 'class-validator';
import { Writable } from 'node:stream';
import { parseDatabaseUrl, readPersistenceConfig, Store, StoreConflictError } from '@lib/persistence';
import { describeBackends } from '../../../test/harness/backends';
import { createService, type CreatedService } from './bootstrap';
import { requestContext } from './context/request-context';
import { createLogger } from './logging/logger';
import { readAuthConfig } from './auth/auth-config';
import { PlatformModule } from './platform.module';
import { Public } from './public.decorator';

class TagDto {
  @IsString()
  label: string;
}

class CreateThingDto {
  @IsString()
  @Length(1, 50)
  name: string;

  @IsInt()
  @Min(1)
  size: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TagDto)
  tags: TagDto[];
}

/** Resolved when the slow handler has begun: the shutdown test closes the app while it runs. */
const arrival = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};
let slowArrived = arrival();

// Public: this suite is about the HTTP conventions, auth has its own.
@Public()
@Controller('things')
class ThingsController {
  private readonly logger = new Logger('Things');

  @Post()
  create(@Body() body: CreateThingDto) {
    return { created: body.name, isDto: body instanceof CreateThingDto };
  }

  @Get('boom')
  boom() {
    throw new Error('SELECT * FROM portal.sources WHERE password = hunter2');
  }

  @Get('conflict')
  conflict() {
    throw new StoreConflictError('a source with that name already exists');
  }

  @Get('context')
  async context() {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.log('inside the handler');
    return { correlationId: requestContext.correlationId() };
  }

  @Get('slow')
  async slow() {
    slowArrived.resolve();
    await new Promise((resolve) => setTimeout(resolve, 400));
    return { finished: true };
  }
}

class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text() {
    return this.lines.join('\n');
  }
}

describeBackends('platform bootstrap over HTTP', (backend) => {
  let service: CreatedService;
  let base: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    @Module({
      imports: [
        PlatformModule.forRoot({
          migrations: [{ schema: 'platform_test', migrations: [] }],
          config: readPersistenceConfig({ DATABASE_URL: backend.url }),
          auth: readAuthConfig({ AUTH_ISSUER: 'https://issuer.test', AUTH_AUDIENCE: 'api' }),
        }),
      ],
      controllers: [ThingsController],
    })
    class TestModule {}
    service = await createService(
      { name: 'test-service', title: 'Test', description: 'Platform test', defaultPort: 0, module: () => TestModule },
      { env: { BODY_LIMIT_BYTES: '2048', PORT: '1' }, logger: createLogger('test-service', 'info', logs) },
    );
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    base = await service.app.getUrl();
    base = base.replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await service?.app.close();
  });

  const postJson = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('accepts a valid body and hands the handler a DTO instance', async () => {
    const response = await postJson('/things', JSON.stringify({ name: 'a', size: 2, tags: [{ label: 'x' }] }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ created: 'a', isDto: true });
  });

  it('answers 422 problem+json naming every bad field, nested and unknown ones included', async () => {
    const response = await postJson('/things', JSON.stringify({ name: '', size: 'big', tags: [{ label: 5 }], extra: true }));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = (await response.json()) as { errors: Array<{ path: string; in: string }>; correlationId: string };
    expect(body).toMatchObject({ type: 'urn:control-plane:problem:validation', status: 422, title: 'Validation failed', instance: '/things' });
    const fields = new Set(body.errors.map((e) => e.path));
    expect(fields).toEqual(new Set(['name', 'size', 'tags[0].label', 'extra']));
    expect(body.correlationId).toBe(response.headers.get('x-correlation-id'));
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await postJson('/things', '{"name": "a",');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 400 });
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await postJson('/things', JSON.stringify({ name: 'x'.repeat(4096), size: 1, tags: [] }));
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });

  it('answers 500 for an unknown error with no stack, SQL or secret in the body, and logs it redacted', async () => {
    const response = await fetch(`${base}/things/boom`, { headers: { 'x-correlation-id': 'boom-1' } });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: 500, correlationId: 'boom-1', instance: '/things/boom' });
    for (const leak of ['SELECT', 'portal.sources', 'hunter2', 'stack', '.ts:', '    at ']) expect(text).not.toContain(leak);
    const errorLine = logs.lines.map((line) => JSON.parse(line)).find((line) => line.level === 50 && line.correlationId === 'boom-1');
    expect(errorLine?.err?.stack).toBeDefined();
    expect(logs.text).not.toContain('hunter2');
  });

  it('maps a StoreError to its status with its message', async () => {
    const response = await fetch(`${base}/things/conflict`);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ type: 'urn:control-plane:problem:conflict', detail: 'a source with that name already exists' });
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const response = await fetch(`${base}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  describe('correlation id', () => {
    it('echoes x-correlation-id and carries it into the handler and every log line of the request', async () => {
      const response = await fetch(`${base}/things/context`, {
        headers: { 'x-correlation-id': 'corr-42', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
      });
      expect(response.headers.get('x-correlation-id')).toBe('corr-42');
      expect(await response.json()).toEqual({ correlationId: 'corr-42' });
      const lines = logs.lines.map((line) => JSON.parse(line)).filter((line) => line.correlationId === 'corr-42');
      expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['inside the handler', 'request completed']));
      expect(logs.text).not.toContain('c2lnbmF0dXJl');
    });

    it('echoes x-request-id when no x-correlation-id is sent', async () => {
      const response = await fetch(`${base}/health/live`, { headers: { 'x-request-id': 'req-7' } });
      expect(response.headers.get('x-correlation-id')).toBe('req-7');
    });

    it('makes a new id when none is sent, or when the sent one is not a plausible id', async () => {
      const fresh = await fetch(`${base}/health/live`);
      expect(fresh.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
      const hostile = await fetch(`${base}/health/live`, { headers: { 'x-correlation-id': `x"}{"level":60 ${'a'.repeat(300)}` } });
      expect(hostile.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('serves liveness, readiness with the database, metrics and OpenAPI without a token', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up', dialect: backend.kind } } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds_bucket');
    expect(metrics).toContain('process_cpu_seconds_total');
    const openApi = (await (await fetch(`${base}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/things', '/health/ready', '/metrics']));
    expect((await fetch(`${base}/api/docs`)).status).toBe(200);
  });

  if (backend.kind === 'postgres') {
    it('is not ready while a tenant table lacks row-level security, and names the table', async () => {
      const owner = await Store.open({ location: parseDatabaseUrl(backend.url), schemas: ['platform_test'] });
      try {
        await owner.transaction((manager) => manager.query('CREATE TABLE platform_test.careless (tenant_id uuid NOT NULL, id int)'));
        const response = await fetch(`${base}/health/ready`);
        expect(response.status).toBe(503);
        expect(JSON.stringify(await response.json())).toContain('platform_test.careless: row-level security not enabled');
        await owner.transaction((manager) => manager.query('DROP TABLE platform_test.careless'));
        expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      } finally {
        await owner.close();
      }
    });
  }

  it('finishes in-flight requests on shutdown, then closes the pool', async () => {
    const store = service.app.get(Store);
    slowArrived = arrival();
    const inFlight = fetch(`${base}/things/slow`).then(async (response) => ({ status: response.status, body: await response.json() }));
    // Close once the request is in the handler, however long it took to get there.
    await slowArrived.promise;
    await service.app.close();
    await expect(inFlight).resolves.toEqual({ status: 200, body: { finished: true } });
    await expect(store.ping()).rejects.toThrow(/closed/);
  });
});
