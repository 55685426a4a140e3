import { Module } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { PendingReleaseMigrationsError, readPersistenceConfig, type SchemaMigrations } from '@lib/persistence';
import { describeBackends } from '../../../../test/harness/backends';
import { readAuthConfig } from '../auth/auth-config';
import { createService } from '../bootstrap';
import { PlatformModule } from '../platform.module';

const registry = (schema: string): SchemaMigrations => ({
  schema,
  migrations: [
    class {
      name = '001_create_items';
      async up(runner: QueryRunner) {
        await runner.query(`CREATE TABLE "${schema}".items (id integer)`);
      }
    },
    class {
      name = '100_add_price';
      async up(runner: QueryRunner) {
        await runner.query(`ALTER TABLE "${schema}".items ADD COLUMN price integer`);
      }
    },
  ],
});

describeBackends('service boot and the release gate', (backend) => {
  const boot = async (pendingRelease: string) => {
    @Module({
      imports: [
        PlatformModule.forRoot({
          migrations: [registry('gate')],
          config: readPersistenceConfig({ DATABASE_URL: backend.url, MIGRATIONS_PENDING_RELEASE: pendingRelease }),
          auth: readAuthConfig({ AUTH_ISSUER: 'https://issuer.test', AUTH_AUDIENCE: 'api' }),
        }),
      ],
    })
    class GateModule {}
    return createService({ name: 'gate', title: 'Gate', description: 'Gate', defaultPort: 1, module: () => GateModule });
  };

  it('refuses to boot with a pending release migration, naming it and the command', async () => {
    const error = await boot('refuse').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PendingReleaseMigrationsError);
    expect((error as Error).message).toContain('100_add_price');
    expect((error as Error).message).toContain('npm run migrate -- up --category release --schema gate');
  });

  it('boots in warn mode, applied startup migrations, and readiness lists the pending release migration', async () => {
    const { app } = await boot('warn');
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const response = await fetch(`${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/health/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        info: { migrations: { status: 'up', gate: { applied: 1, pendingRelease: ['100_add_price'], pendingData: [] } } },
      });
    } finally {
      await app.close();
    }
  });
});
