import { Inject, Injectable } from '@nestjs/common';
import { ReadinessRegistry } from '@lib/platform';
import { crsMajorOf, SUPPORTED_CRS_MAJORS } from '../common/crs-version';
import { WAF_CONFIG, type WafConfig } from '../waf-config';
import type { EngineView } from './engine.dto';

/** What the panel renders for: the CRS version it found (or was told), reported to operators and readiness. */
@Injectable()
export class EngineService {
  constructor(
    @Inject(WAF_CONFIG) private readonly config: WafConfig,
    readiness: ReadinessRegistry,
  ) {
    readiness.register({ name: 'crs', check: async () => ({ version: config.crsVersion, source: config.crsVersionSource }) });
  }

  view(): EngineView {
    return {
      crsVersion: this.config.crsVersion,
      crsMajor: crsMajorOf(this.config.crsVersion),
      crsVersionSource: this.config.crsVersionSource,
      crsInclude: this.config.crsInclude,
      supportedCrsMajors: [...SUPPORTED_CRS_MAJORS],
      engineCheck: this.config.engineCheckCommand !== undefined,
    };
  }
}
