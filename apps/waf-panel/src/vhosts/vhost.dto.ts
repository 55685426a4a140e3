import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Absentable, Bool, Int, Nested, NestedList, Nullable, OneOf, Required, Rule, Rules, Str, Text, Uuid } from '@lib/platform';
import { ValidateIf } from 'class-validator';
import { StampedView } from '../common/stamped.dto';
import { backendUrl, domainProblem } from './vhost-names';

/*
 * The schemas of vhosts and the rules each field is checked against. The panel checks the full
 * candidate (a create body, or a PATCH merged over the stored state) and then normalises it
 * (lowercase names, defaults, duplicate backends) in vhost.validation.ts.
 */

const CERTIFICATE_REF = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const given = (value: unknown) => value !== undefined && value !== null;

export class BackendBody {
  @ApiProperty({ maxLength: 2048, example: 'http://app:8080', description: 'scheme://host[:port]: http or https, DNS name, IPv4 or bracketed IPv6' })
  @Rules(Text({ min: 1, max: 2048 }), Rule('backend-url', (url) => backendUrl(url as string).problem))
  url: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 1 }) @Absentable() @Int(1, 100) weight?: number;
}

export class TlsBody {
  @ApiPropertyOptional({ enum: ['off', 'terminate'], default: 'off' }) @Absentable() @OneOf(['off', 'terminate']) mode?: 'off' | 'terminate';
  /** Checked with mode terminate, and whenever it is given. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 253, description: 'The Kubernetes secret holding the certificate; only with mode terminate' })
  @ValidateIf((tls: TlsBody) => tls.mode === 'terminate' || given(tls.certificateRef))
  @Rules(
    Rule('terminate', (ref, tls) => {
      if (tls.mode !== 'terminate') return 'is only allowed when mode is terminate';
      return given(ref) ? undefined : 'is required when mode is terminate';
    }),
    Text({ min: 1, max: 253, pattern: CERTIFICATE_REF, patternMessage: 'must be a lowercase secret name' }),
  )
  certificateRef?: string | null;
  @ApiPropertyOptional({ enum: ['1.2', '1.3'], default: '1.2' }) @Absentable() @OneOf(['1.2', '1.3']) minVersion?: '1.2' | '1.3';
  @ApiPropertyOptional({ description: 'Defaults to true with mode terminate' }) @Absentable() @Bool() redirectHttp?: boolean;
}

export class CreateVhostBody {
  @ApiProperty({ maxLength: 253, example: 'shop.example.com', description: 'A DNS name (optionally *.), stored lowercase; unique in the tenant' })
  @Rules(
    Required(),
    Str(),
    Rule('domain', (domain) => {
      const lower = (domain as string).toLowerCase();
      return /[^\x21-\x7e]/.test(lower) ? 'must be ASCII without whitespace (send IDNs as xn-- A-labels)' : domainProblem(lower);
    }),
  )
  domain: string;
  @ApiPropertyOptional({ maxLength: 1000, default: '' }) @Absentable() @Text({ max: 1000 }) description?: string;
  @ApiPropertyOptional({ default: true }) @Absentable() @Bool() enabled?: boolean;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @Nullable() @Uuid() policyId?: string | null;
  @ApiProperty({ type: [BackendBody], minItems: 1, maxItems: 16 }) @Rules(Required(), NestedList(() => BackendBody, 1, 16)) backends: BackendBody[];
  @ApiPropertyOptional({ type: TlsBody }) @Nullable() @Nested(() => TlsBody) tls?: TlsBody | null;
}

export class VhostListQuery {
  @Absentable() @Uuid() policyId?: string;
  @Absentable() @Text({ max: 253 }) domain?: string;
}

export class UpdateVhostBody extends PartialType(CreateVhostBody) {}

class BackendView {
  @ApiProperty() url: string;
  @ApiProperty({ type: 'integer' }) weight: number;
}

class TlsView {
  @ApiProperty({ enum: ['off', 'terminate'] }) mode: string;
  @ApiProperty({ type: String, nullable: true }) certificateRef: string | null;
  @ApiProperty({ enum: ['1.2', '1.3'] }) minVersion: string;
  @ApiProperty() redirectHttp: boolean;
}

class VhostContent {
  @ApiProperty() domain: string;
  @ApiProperty() description: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) policyId: string | null;
  @ApiProperty({ type: [BackendView] }) backends: BackendView[];
  @ApiProperty({ type: TlsView }) tls: TlsView;
}

export class VhostView extends IntersectionType(VhostContent, StampedView) {}
