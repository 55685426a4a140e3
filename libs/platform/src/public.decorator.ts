import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'platform:public';

/** Marks a route (or controller) as reachable without a token: health, metrics, public log reads. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
