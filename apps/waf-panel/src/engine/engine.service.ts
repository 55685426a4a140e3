import { Inject, Injectable } from '@nestjs/common';
import { byteOrder, ReadinessRegistry } from '@lib/platform';
import { crsMajorOf, SUPPORTED_CRS_MAJORS } from '@lib/waf';
import { WAF_CONFIG, type WafConfig } from '../waf-config';
import type { CatalogueView, EngineView } from './engine.dto';

/** What the panel renders for: the CRS version it found (or was told), reported to operators and readiness. */
@Injectable()
export class EngineService {
  constructor(
    @Inject(WAF_CONFIG) private readonly config: WafConfig,
    readiness: ReadinessRegistry,
  ) {
    readiness.register({ name: 'crs', check: async () => ({ version: config.crsVersion, source: config.crsVersionSource }) });
  }

  /** The deployed CRS's rule ids and tags (WAF_CRS_CATALOGUE), for pickers. */
  catalogue(): CatalogueView {
    const catalogue = this.config.catalogue;
    return {
      configured: catalogue !== undefined,
      ids: [...(catalogue?.ids ?? [])].sort((a, b) => a - b),
      tags: [...(catalogue?.tags ?? [])].sort(byteOrder),
    };
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
