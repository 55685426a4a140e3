import { ApiProperty } from '@nestjs/swagger';

export class EngineView {
  @ApiProperty({ example: '3.3.4', description: 'The CRS version bundles are rendered for' })
  crsVersion!: string;

  @ApiProperty({ example: 3, enum: [3, 4] })
  crsMajor!: number;

  @ApiProperty({
    enum: ['detected', 'configured', 'default'],
    description: 'detected: read from the rule files under crsInclude; configured: WAF_CRS_VERSION (no rule files on this host); default: neither',
  })
  crsVersionSource!: 'detected' | 'configured' | 'default';

  @ApiProperty({ example: '/usr/share/modsecurity-crs/rules/*.conf', description: 'The Include every bundle renders (WAF_CRS_INCLUDE)' })
  crsInclude!: string;

  @ApiProperty({ type: [Number], example: [3, 4] })
  supportedCrsMajors!: number[];

  @ApiProperty({ description: 'Whether deployments are checked by WAF_ENGINE_CHECK_CMD before they publish' })
  engineCheck!: boolean;
}

export class CatalogueView {
  @ApiProperty({ description: 'Whether WAF_CRS_CATALOGUE names a catalogue; without one, targets are not checked against it' })
  configured!: boolean;

  @ApiProperty({ type: [Number], description: 'The rule ids of the deployed CRS, ascending' })
  ids!: number[];

  @ApiProperty({ type: [String], description: 'Its tags, in byte order' })
  tags!: string[];
}
