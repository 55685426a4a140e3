import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { StoreConnectionError } from '../errors';

/** The one scope Azure Database for PostgreSQL accepts for Entra ID tokens. */
export const POSTGRES_ENTRA_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface EntraTokenProviderOptions {
  /** Defaults to DefaultAzureCredential (workload identity, managed identity, Azure CLI...). */
  readonly credential?: TokenCredential;
  /** Client id of a user-assigned managed identity (`AZURE_CLIENT_ID`). */
  readonly managedIdentityClientId?: string;
  /** Refresh this long before expiry. */
  readonly refreshMarginMs?: number;
  readonly now?: () => number;
}

/**
 * Supplies the PostgreSQL password as a short-lived Entra ID token: cached, refreshed inside
 * the margin, and fetched once however many connections ask at the same moment.
 */
export class EntraTokenProvider {
  private cached: AccessToken | undefined;
  private inFlight: Promise<AccessToken> | undefined;
  private credential: TokenCredential | undefined;
  private readonly refreshMarginMs: number;
  private readonly now: () => number;

  constructor(private readonly options: EntraTokenProviderOptions = {}) {
    this.credential = options.credential;
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.now = options.now ?? Date.now;
  }

  /** Shaped for `pg`'s `password` option. */
  readonly password = (): Promise<string> => this.getToken();

  async getToken(): Promise<string> {
    const now = this.now();
    if (this.cached && now < this.cached.expiresOnTimestamp - this.refreshMarginMs) return this.cached.token;
    try {
      this.inFlight ??= this.fetch().finally(() => (this.inFlight = undefined));
      this.cached = await this.inFlight;
      return this.cached.token;
    } catch (error) {
      // A failed refresh while the old token is still valid must not take the pool down.
      if (this.cached && this.now() < this.cached.expiresOnTimestamp) return this.cached.token;
      throw error;
    }
  }

  private async fetch(): Promise<AccessToken> {
    let token: AccessToken | null;
    try {
      token = await this.resolveCredential().getToken(POSTGRES_ENTRA_SCOPE);
    } catch (error) {
      throw this.failure(error instanceof Error ? error.message : String(error), error);
    }
    if (!token?.token) throw this.failure('the credential returned no token');
    return token;
  }

  private resolveCredential(): TokenCredential {
    if (!this.credential) {
      // Loaded on first use so SQLite and password set-ups never pay for the Azure SDK.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
      const clientId = this.options.managedIdentityClientId;
      this.credential = new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
    }
    return this.credential;
  }

  private failure(reason: string, cause?: unknown): StoreConnectionError {
    return new StoreConnectionError(
      `could not get an Entra ID token for PostgreSQL (scope ${POSTGRES_ENTRA_SCOPE}): ${reason}. ` +
        'Check POSTGRES_USE_MANAGED_IDENTITY, AZURE_CLIENT_ID (the user-assigned identity), AZURE_TENANT_ID and ' +
        'AZURE_FEDERATED_TOKEN_FILE (workload identity), and that the identity is mapped to the database user in the URL.',
      { cause },
    );
  }
}
