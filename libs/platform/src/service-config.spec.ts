import { ConfigurationError } from '@lib/persistence';
import { readServiceConfig } from './service-config';

describe('service configuration', () => {
  it('defaults: no drain delay, 25 s to shut down (inside Kubernetes\' default 30 s grace)', () => {
    expect(readServiceConfig(3000, {})).toMatchObject({ port: 3000, shutdownDrainMs: 0, shutdownTimeoutMs: 25_000 });
  });

  it('refuses a drain delay that leaves in-flight requests no time, naming both variables', () => {
    const error = (() => {
      try {
        return readServiceConfig(3000, { SHUTDOWN_DRAIN_MS: '5000', SHUTDOWN_TIMEOUT_MS: '5000' });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/SHUTDOWN_DRAIN_MS.*SHUTDOWN_TIMEOUT_MS/);
    expect(() => readServiceConfig(3000, { SHUTDOWN_DRAIN_MS: '-1' })).toThrow('SHUTDOWN_DRAIN_MS');
  });
});
