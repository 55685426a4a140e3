import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { AUTH_CONFIG, type AuthConfig, TokenVerifier } from '@lib/platform';
import { CONSOLE_CONFIG, type ConsoleConfig, type OidcClientConfig } from '../console-config';
import { endFlow, readFlow, startSession, writeFlow } from './session.store';

/** Why a sign-in could not finish, in words for the sign-in screen. */
export class SignInFailed extends Error {}

/** Where a sign-in may return to: the app's own screens only (no open redirect). */
export const safeReturnTo = (path: unknown): string => (typeof path === 'string' && /^\/app(\/[\w\-./]*)?$/.test(path) ? path : '/app');

/**
 * The sign-in through the identity provider, as a confidential (or public) client with the
 * Authorization Code flow and PKCE (openid-client). The access token it gets is the one the
 * services verify; the console verifies it the same way before it keeps it.
 */
@Injectable()
export class OidcSignIn {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    @Inject(AUTH_CONFIG) private readonly auth: AuthConfig,
    private readonly verifier: TokenVerifier,
  ) {}

  private get client(): OidcClientConfig {
    if (!this.config.oidc) throw new SignInFailed('This console signs users in with AUTH_MODE=dev; there is no identity provider to go to.');
    return this.config.oidc;
  }

  private get redirectUri(): string {
    return `${this.client.publicUrl}/session/oidc/callback`;
  }

  /** The provider's metadata, discovered once (again after a failure). */
  private discover(): Promise<client.Configuration> {
    const { clientId, clientSecret } = this.client;
    const issuer = new URL(this.auth.issuer);
    this.configuration ??= client
      .discovery(
        issuer,
        clientId,
        clientSecret,
        clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
        // Plain HTTP only for an issuer configured so (a local provider); production issuers are https.
        issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new SignInFailed(`The identity provider could not be reached: ${(error as Error).message}`);
      });
    return this.configuration;
  }

  /** The provider's authorization URL for a new sign-in; its secrets wait in a short-lived sealed cookie. */
  async start(request: FastifyRequest, returnTo: unknown): Promise<string> {
    const configuration = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const flow = { verifier, state: client.randomState(), nonce: client.randomNonce(), returnTo: safeReturnTo(returnTo) };
    writeFlow(request, flow);
    return client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.client.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    }).href;
  }

  /** The provider's answer: code for tokens, the access token checked as the services check it. Returns where to go. */
  async finish(request: FastifyRequest): Promise<string> {
    const flow = readFlow(request);
    endFlow(request);
    if (!flow) throw new SignInFailed('The sign-in expired or began in another browser; sign in again.');
    const configuration = await this.discover();
    let tokens: client.TokenEndpointResponse;
    try {
      tokens = await client.authorizationCodeGrant(configuration, new URL(request.url, this.client.publicUrl), {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new SignInFailed(`The identity provider refused the sign-in: ${(error as Error).message}`);
    }
    await this.verifier.verify(tokens.access_token).catch((error: Error) => {
      throw new SignInFailed(`The access token is not one the services accept: ${error.message}`);
    });
    startSession(request, tokens.access_token, tokens.id_token);
    return flow.returnTo;
  }

  /** Where the browser goes to end its session at the provider too, when the provider offers it. */
  async endSessionUrl(idToken: string | undefined): Promise<string | null> {
    if (!this.config.oidc) return null;
    const configuration = await this.discover();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: `${this.client.publicUrl}/app`,
      ...(idToken ? { id_token_hint: idToken } : {}),
    }).href;
  }
}
