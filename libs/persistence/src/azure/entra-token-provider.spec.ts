import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { StoreConnectionError } from '../errors';
import { EntraTokenProvider, POSTGRES_ENTRA_SCOPE } from './entra-token-provider';

const HOUR = 3600_000;

class FakeCredential implements TokenCredential {
  readonly calls: Array<string | string[]> = [];
  private issued = 0;
  constructor(
    private readonly clock: { now: number },
    private readonly failWith?: Error,
  ) {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.calls.push(scopes);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.failWith) throw this.failWith;
    this.issued++;
    return { token: `token-${this.issued}`, expiresOnTimestamp: this.clock.now + HOUR };
  }
}

describe('EntraTokenProvider', () => {
  it('asks for the PostgreSQL scope exactly', async () => {
    const clock = { now: 0 };
    const credential = new FakeCredential(clock);
    await new EntraTokenProvider({ credential, now: () => clock.now }).getToken();
    expect(credential.calls).toEqual([POSTGRES_ENTRA_SCOPE]);
    expect(POSTGRES_ENTRA_SCOPE).toBe('https://ossrdbms-aad.database.windows.net/.default');
  });

  it('makes one credential call for 50 concurrent requests', async () => {
    const clock = { now: 0 };
    const credential = new FakeCredential(clock);
    const provider = new EntraTokenProvider({ credential, now: () => clock.now });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => provider.password()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(credential.calls).toHaveLength(1);
  });

  it('serves the cached token until the refresh margin, then refreshes once', async () => {
    const clock = { now: 0 };
    const credential = new FakeCredential(clock);
    const provider = new EntraTokenProvider({ credential, now: () => clock.now, refreshMarginMs: 300_000 });
    expect(await provider.getToken()).toBe('token-1');
    clock.now = HOUR - 300_001; // just outside the margin
    expect(await provider.getToken()).toBe('token-1');
    expect(credential.calls).toHaveLength(1);
    clock.now = HOUR - 299_999; // inside the margin
    const refreshed = await Promise.all(Array.from({ length: 20 }, () => provider.getToken()));
    expect(new Set(refreshed)).toEqual(new Set(['token-2']));
    expect(credential.calls).toHaveLength(2);
  });

  it('defaults the margin to five minutes', async () => {
    const clock = { now: 0 };
    const credential = new FakeCredential(clock);
    const provider = new EntraTokenProvider({ credential, now: () => clock.now });
    await provider.getToken();
    clock.now = HOUR - 5 * 60_000 - 1;
    await provider.getToken();
    expect(credential.calls).toHaveLength(1);
    clock.now = HOUR - 5 * 60_000 + 1;
    await provider.getToken();
    expect(credential.calls).toHaveLength(2);
  });

  it('turns a credential failure into a StoreConnectionError that says what to check, without secrets', async () => {
    const clock = { now: 0 };
    const credential = new FakeCredential(clock, new Error('ManagedIdentityCredential: no identity; client_secret=abc123'));
    const provider = new EntraTokenProvider({ credential, now: () => clock.now });
    const error = await provider.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConnectionError);
    const message = (error as Error).message;
    expect(message).toContain('AZURE_CLIENT_ID');
    expect(message).toContain('POSTGRES_USE_MANAGED_IDENTITY');
    expect(message).not.toContain('abc123');
  });

  it('tries again on the next call after a failure', async () => {
    const clock = { now: 0 };
    let fail = true;
    const credential: TokenCredential = {
      getToken: async () => {
        if (fail) throw new Error('IMDS unreachable');
        return { token: 'late', expiresOnTimestamp: clock.now + HOUR };
      },
    };
    const provider = new EntraTokenProvider({ credential, now: () => clock.now });
    await expect(provider.getToken()).rejects.toBeInstanceOf(StoreConnectionError);
    fail = false;
    await expect(provider.getToken()).resolves.toBe('late');
  });

  it('keeps serving a still-valid token when a refresh inside the margin fails', async () => {
    const clock = { now: 0 };
    let fail = false;
    const credential: TokenCredential = {
      getToken: async () => {
        if (fail) throw new Error('IMDS unreachable');
        return { token: 'first', expiresOnTimestamp: clock.now + HOUR };
      },
    };
    const provider = new EntraTokenProvider({ credential, now: () => clock.now });
    await provider.getToken();
    fail = true;
    clock.now = HOUR - 60_000;
    await expect(provider.getToken()).resolves.toBe('first');
    clock.now = HOUR + 1;
    await expect(provider.getToken()).rejects.toBeInstanceOf(StoreConnectionError);
  });
});
