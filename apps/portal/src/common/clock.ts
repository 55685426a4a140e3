import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@lib/persistence';
import { PORTAL_CONFIG } from './tokens';
import type { PortalConfig } from '../portal-config';

/** Every "now" of the portal: shifted by PORTAL_CLOCK_OFFSET_SECONDS for acceptance tests. */
@Injectable()
export class PortalClock extends Clock {
  private readonly offsetMs: number;

  constructor(@Inject(PORTAL_CONFIG) config: PortalConfig) {
    super();
    this.offsetMs = config.clockOffsetSeconds * 1000;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export const DAY_MS = 86_400_000;
