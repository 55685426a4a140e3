import { createParamDecorator } from '@nestjs/common';
import { type Principal, requestContext } from '../context/request-context';

/** The verified principal of this request; the auth guard put it there. */
export function currentPrincipal(): Principal {
  const principal = requestContext.current()?.principal;
  if (!principal) throw new Error('no authenticated principal: the auth guard did not run');
  return principal;
}

/** A claim as text: absent, empty or not a string reads as null. */
export const claimText = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * A handler parameter holding the caller as one service reads its principal (its roles, its
 * claims): `export const CurrentCaller = CallerParam(portalCaller)`.
 */
export function CallerParam<T>(read: (principal: Principal) => T): () => ParameterDecorator {
  return createParamDecorator((): T => read(currentPrincipal()));
}
