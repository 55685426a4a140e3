import { applyDecorators, SetMetadata } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

export const IS_PUBLIC = 'platform:public';

/** `always`: health and public log reads; `metrics`: public unless METRICS_PUBLIC=false. */
export type PublicScope = 'always' | 'metrics';

/** An empty security requirement: the document says the operation needs no token. */
const NoSecurity = (): ClassDecorator & MethodDecorator => (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
  Reflect.defineMetadata(DECORATORS.API_SECURITY, [], descriptor ? descriptor.value : target);
};

/** Marks a route (or controller) as reachable without a token. */
export const Public = (scope: PublicScope = 'always') => applyDecorators(SetMetadata(IS_PUBLIC, scope), NoSecurity());
