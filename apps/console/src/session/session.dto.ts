import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Absentable, List, Rule, Rules, Text, Uuid } from '@lib/platform';

/** Every role the three services know; a dev session may hold any of them. */
export const KNOWN_ROLES = ['Admin', 'Editor', 'Viewer', 'Reader', 'Contributor', 'CtReader', 'CtSubmitter', 'WafNode'] as const;

export class DevSignInBody {
  @ApiProperty({ format: 'uuid', example: 'd3000000-0000-4000-8000-000000000001' }) @Uuid() tenant: string;
  @ApiProperty({ type: [String], enum: KNOWN_ROLES, minItems: 1, maxItems: KNOWN_ROLES.length })
  @Rules(
    List(1, KNOWN_ROLES.length),
    Rule('roles', (roles) =>
      (roles as unknown[]).every((role) => (KNOWN_ROLES as readonly unknown[]).includes(role)) ? undefined : `must be of ${KNOWN_ROLES.join(', ')}`,
    ),
  )
  roles: string[];
  @ApiPropertyOptional({ maxLength: 200, example: 'dev-user' }) @Absentable() @Text({ min: 1, max: 200 }) subject?: string;
  @ApiPropertyOptional({ maxLength: 254, example: 'dev@example.com' })
  @Absentable()
  @Text({ min: 3, max: 254, pattern: /^[^@\s]+@[^@\s]+$/, patternMessage: 'must be an e-mail address' })
  email?: string;
  @ApiPropertyOptional({ maxLength: 100, description: "The portal's data domain claim" }) @Absentable() @Text({ min: 1, max: 100 }) domain?: string;
  @ApiPropertyOptional({ maxLength: 100, description: "The portal's team claim" }) @Absentable() @Text({ min: 1, max: 100 }) team?: string;
}

export class SessionView {
  @ApiProperty() signedIn: boolean;
  @ApiProperty({ enum: ['dev', 'oidc'] }) authMode: 'dev' | 'oidc';
  @ApiProperty({ description: 'Whether this console offers the dev sign-in screen' }) devSignIn: boolean;
  @ApiPropertyOptional() subject?: string;
  @ApiPropertyOptional({ format: 'uuid' }) tenant?: string;
  @ApiPropertyOptional({ type: [String] }) roles?: string[];
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'domain and team, when the token has them' })
  claims?: Record<string, string>;
  @ApiPropertyOptional({ format: 'date-time' }) expiresAt?: string;
  @ApiPropertyOptional({ description: 'Send it back as X-CSRF-Token on every write' }) csrfToken?: string;
}

export class SignedOut {
  @ApiProperty({ type: String, nullable: true, description: "The identity provider's sign-out page, to end its session too" }) endSessionUrl: string | null;
}
