import { Body, Controller, Delete, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, JsonObjectPipe, type Json, problem, ProblemException, Public } from '@lib/platform';
import { OidcSignIn, SignInFailed } from './oidc-sign-in';
import { DevSignInBody, SessionView, SignedOut } from './session.dto';
import { SessionService } from './session.service';
import { csrfHolds, readSession } from './session.store';

/** The browser's session: the console signs users in and holds their token; the browser holds a sealed cookie. */
@ApiTags('session')
@Public()
@Controller('session')
export class SessionController {
  constructor(
    private readonly sessions: SessionService,
    private readonly oidc: OidcSignIn,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Who is signed in (signedIn false when nobody is)' })
  @ApiOkResponse({ type: SessionView })
  current(@Req() request: FastifyRequest): Promise<SessionView> {
    return this.sessions.current(request);
  }

  @Post('dev')
  @ApiOperation({ summary: 'Dev sign-in: a token for the chosen tenant, roles and claims (AUTH_MODE=dev only)' })
  @ApiBody({ type: DevSignInBody })
  @ApiCreatedResponse({ type: SessionView })
  @ApiProblems(404, 422)
  devSignIn(@Req() request: FastifyRequest, @Body(JsonObjectPipe) body: Json): Promise<SessionView> {
    return this.sessions.devSignIn(request, body);
  }

  @Get('oidc/start')
  @ApiOperation({ summary: 'Sign in through the identity provider: redirects there (Authorization Code with PKCE)' })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A console path (/app/…) to come back to' })
  @ApiFoundResponse({ description: "To the provider's authorization endpoint" })
  async oidcStart(@Req() request: FastifyRequest, @Query('returnTo') returnTo: unknown, @Res() reply: FastifyReply): Promise<void> {
    try {
      void reply.redirect(await this.oidc.start(request, returnTo), 302);
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      void reply.redirect(`/app?signInError=${encodeURIComponent(error.message)}`, 302);
    }
  }

  @Get('oidc/callback')
  @ApiOperation({ summary: "The provider's redirect back: the code is exchanged and the session begins" })
  @ApiFoundResponse({ description: 'To the screen the sign-in began on, or to the sign-in screen with the reason it failed' })
  async oidcCallback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      void reply.redirect(await this.oidc.finish(request), 302);
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      void reply.redirect(`/app?signInError=${encodeURIComponent(error.message)}`, 302);
    }
  }

  @Delete()
  @ApiOperation({ summary: 'Sign out; endSessionUrl, when set, ends the session at the identity provider too' })
  @ApiOkResponse({ type: SignedOut })
  @ApiProblems(403)
  async signOut(@Req() request: FastifyRequest): Promise<SignedOut> {
    const session = readSession(request);
    if (session && !csrfHolds(request, session)) throw new ProblemException(problem(403, 'The X-CSRF-Token header is missing or wrong.'));
    this.sessions.signOut(request);
    return { endSessionUrl: await this.oidc.endSessionUrl(session?.idToken).catch(() => null) };
  }
}
