import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { requestContext } from '../context/request-context';
import { problem, ProblemException } from '../problems/problem-details';
import { IS_PUBLIC, type PublicScope } from '../public.decorator';
import { AUTH_CONFIG } from './auth.tokens';
import type { AuthConfig } from './auth-config';
import { REQUIRED_ROLES, type RoleRequirement } from './roles.decorator';
import { IdentityProviderUnavailableError, InvalidTokenError, TokenVerifier } from './token-verifier';

/**
 * Every route needs a valid bearer token unless marked @Public. The verified principal, and
 * only it, decides the tenant of the request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const publicScope = this.reflector.getAllAndOverride<PublicScope | undefined>(IS_PUBLIC, targets);
    if (publicScope === 'always' || (publicScope === 'metrics' && this.config.metricsPublic)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!request.headers.authorization) throw unauthorized('Missing authorization header.', 'Bearer');
    if (!token) throw unauthorized('Invalid or expired token.', 'Bearer error="invalid_request"');
    try {
      requestContext.authenticate(await this.verifier.verify(token));
    } catch (error) {
      if (error instanceof IdentityProviderUnavailableError) {
        this.logger.error(error.message);
        throw new ProblemException(problem(HttpStatus.SERVICE_UNAVAILABLE, 'The identity provider could not be reached to verify the token; retry shortly.'), {
          'retry-after': '5',
        });
      }
      if (!(error instanceof InvalidTokenError)) throw error;
      this.logger.warn(`token refused: ${error.message}`);
      throw unauthorized('Invalid or expired token.', 'Bearer error="invalid_token"');
    }

    const required = this.reflector.getAllAndOverride<RoleRequirement | undefined>(REQUIRED_ROLES, targets);
    const roles = requestContext.current()?.principal?.roles ?? [];
    if (required && !required.roles.some((role) => roles.includes(role))) {
      throw new ProblemException(problem(HttpStatus.FORBIDDEN, required.detail ?? `One of the following roles is required: ${required.roles.join(', ')}`));
    }
    return true;
  }
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 token68), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header ?? '')?.[1];
}

function unauthorized(detail: string, challenge: string): ProblemException {
  return new ProblemException(problem(HttpStatus.UNAUTHORIZED, detail), { 'www-authenticate': challenge });
}
