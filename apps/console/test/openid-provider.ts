import type { Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface TestProvider {
  readonly issuer: string;
  /** Access token lifetime, in seconds, for sign-ins from now on. */
  accessTokenTtl: number;
  close(): Promise<void>;
}

/**
 * A certified OpenID provider (`oidc-provider`) on loopback, with its built-in login screen (any
 * login): it issues ES256 JWT access tokens for `audience` carrying the tenant and roles the
 * services read, signs ID tokens, requires PKCE and offers RP-initiated sign-out.
 */
export async function startOpenIdProvider(options: {
  port: number;
  audience: string;
  client: { id: string; secret: string; origin: string };
  claims: (subject: string) => Record<string, unknown>;
}): Promise<TestProvider> {
  const issuer = `http://localhost:${options.port}`;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const state = { accessTokenTtl: 3600 };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.client.id,
        client_secret: options.client.secret,
        redirect_uris: [`${options.client.origin}/session/oidc/callback`],
        post_logout_redirect_uris: [`${options.client.origin}/app`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-provider', alg: 'ES256', use: 'sig' }] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, email: `${sub}@example.com` }) }),
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'openid',
          audience: options.audience,
          accessTokenTTL: state.accessTokenTtl,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    // The services' claims, as an organisation's provider would map them from its directory.
    extraTokenClaims: (_ctx, token) => ('accountId' in token && token.accountId ? options.claims(token.accountId) : {}),
    // A first-party client: consent is given, so the user sees the login screen only.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid email profile');
      grant.addResourceScope(options.audience, 'openid');
      await grant.save();
      return grant;
    },
  });
  const server: Server = provider.listen(options.port);
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    issuer,
    get accessTokenTtl() {
      return state.accessTokenTtl;
    },
    set accessTokenTtl(seconds: number) {
      state.accessTokenTtl = seconds;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
