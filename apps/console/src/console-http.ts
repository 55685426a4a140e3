import { join } from 'node:path';
import fastifyHttpProxy from '@fastify/http-proxy';
import fastifySecureSession from '@fastify/secure-session';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE, problemBody, type ProblemConventions } from '@lib/platform';
import { CONSOLE_CONFIG, type ConsoleConfig } from './console-config';
import { csrfHolds, readSession } from './session/session.store';

export const CONSOLE_PROBLEMS: ProblemConventions = { typePrefix: 'urn:console:problem:' };
export const SESSION_COOKIE = 'console_session';
const PROXIED_BODY_LIMIT = 6 * 1024 * 1024;

/** The token a proxied request carries upstream, set by its preHandler. */
const tokens = new WeakMap<FastifyRequest, string>();

function refuse(request: FastifyRequest, reply: FastifyReply, status: number, detail: string): void {
  void reply
    .status(status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(problemBody(CONSOLE_PROBLEMS, problem(status, detail), request));
}

/** Only a signed-in session reaches a service, and its writes carry the session's CSRF token. */
async function authorize(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const session = readSession(request);
  if (!session) return refuse(request, reply, 401, 'Sign in to the console first (your session is missing or has expired).');
  if (!csrfHolds(request, session)) return refuse(request, reply, 403, 'The X-CSRF-Token header is missing or wrong.');
  tokens.set(request, session.token);
}

/**
 * The console's HTTP edge: the sealed session cookie, one same-origin proxy per service (the
 * browser never sees a token; the service sees the user's), and the built app's assets.
 */
export function configureConsoleHttp(app: NestFastifyApplication): void {
  const config = app.get<ConsoleConfig>(CONSOLE_CONFIG);
  const fastify = app.getHttpAdapter().getInstance();
  void fastify.register(fastifySecureSession, [
    { sessionName: 'session', key: config.sessionKey, cookieName: SESSION_COOKIE, cookie: { path: '/', httpOnly: true, secure: true, sameSite: 'strict' } },
    // A sign-in in progress, for its callback only; ten minutes to finish it.
    {
      sessionName: 'signInFlow',
      key: config.sessionKey,
      cookieName: 'console_sign_in',
      cookie: { path: '/session/oidc', httpOnly: true, secure: true, sameSite: 'lax', maxAge: 600 },
    },
  ]);
  // The proxies pass bodies through as bytes: their own scope drops the API's JSON parser, and
  // the services enforce their own limits (the WAF import takes 5 MiB).
  void fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addHook('onRoute', (route) => {
      route.bodyLimit = PROXIED_BODY_LIMIT;
    });
    for (const upstream of config.upstreams) registerProxy(scope, upstream);
  });
  void fastify.register(fastifyStatic, { root: join(config.assetsDir, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
}

function registerProxy(scope: FastifyInstance, upstream: { prefix: string; url: string }): void {
  void scope.register(fastifyHttpProxy, {
    upstream: upstream.url,
    prefix: upstream.prefix,
    rewritePrefix: '',
    preHandler: authorize,
    replyOptions: {
      // A service that cannot be reached is a 502 naming it, not the console's own failure.
      onError: (reply, { error }) => {
        refuse(reply.request as FastifyRequest, reply as FastifyReply, 502, `The service behind ${upstream.prefix} could not be reached (${error.message}).`);
      },
      rewriteRequestHeaders: (request, headers) => {
        // The console's cookie stays here; the service gets the user's bearer token instead.
        const { cookie: _cookie, 'x-csrf-token': _csrf, ...rest } = headers;
        return { ...rest, authorization: `Bearer ${tokens.get(request as FastifyRequest)}`, 'x-correlation-id': String(request.id) };
      },
    },
  });
}
