import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'platform:public';

/** `always`: health and public log reads; `metrics`: public unless METRICS_PUBLIC=false. */
export type PublicScope = 'always' | 'metrics';

/** Marks a route (or controller) as reachable without a token. */
export const Public = (scope: PublicScope = 'always') => SetMetadata(IS_PUBLIC, scope);
