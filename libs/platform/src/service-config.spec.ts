import { ConfigurationError } from '@lib/persistence';
import { readServiceConfig } from './service-config';

describe('service configuration', () => {
  it("defaults: no drain delay, 25 s to shut down (inside Kubernetes' default 30 s grace)", () => {
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

  it('serves the OpenAPI UI outside production, and in production only with API_DOCS=true', () => {
    expect(readServiceConfig(3000, {}).apiDocs).toBe(true);
    expect(readServiceConfig(3000, { NODE_ENV: 'production' }).apiDocs).toBe(false);
    expect(readServiceConfig(3000, { NODE_ENV: 'production', API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(() => readServiceConfig(3000, { API_DOCS: 'sometimes' })).toThrow('API_DOCS');
  });

  it('trusts no proxy unless told how many hops there are', () => {
    expect(readServiceConfig(3000, {}).trustProxyHops).toBe(0);
    expect(readServiceConfig(3000, { TRUST_PROXY_HOPS: '1' }).trustProxyHops).toBe(1);
    expect(() => readServiceConfig(3000, { TRUST_PROXY_HOPS: 'yes' })).toThrow('TRUST_PROXY_HOPS');
  });
});
