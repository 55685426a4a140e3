import { Body, Controller, Delete, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems, JsonObjectPipe, type Json, problem, ProblemException, Public } from '@lib/platform';
import { DevSignInBody, SessionView } from './session.dto';
import { SessionService } from './session.service';
import { csrfHolds, readSession } from './session.store';

/** The browser's session: the console signs users in and holds their token; the browser holds a sealed cookie. */
@ApiTags('session')
@Public()
@Controller('session')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

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

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems(403)
  signOut(@Req() request: FastifyRequest): void {
    const session = readSession(request);
    if (session && !csrfHolds(request, session)) throw new ProblemException(problem(403, 'The X-CSRF-Token header is missing or wrong.'));
    this.sessions.signOut(request);
  }
}
