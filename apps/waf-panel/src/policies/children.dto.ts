import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { StampedView } from '../common/stamped.dto';
import { OPERATORS } from './rule-content';

/** A policy's children as every read answers them (the policy view embeds them). */

class ChildStamp extends StampedView {
  @ApiProperty({ format: 'uuid' }) policyId: string;
}

class TargetView {
  @ApiProperty({ type: 'integer', minimum: 900000, maximum: 999999, nullable: true, description: 'A CRS rule id; exactly one of ruleId or tag' }) ruleId:
    number | null;
  @ApiProperty({ type: String, nullable: true }) tag: string | null;
  @ApiProperty() comment: string;
  @ApiProperty() forced: boolean;
}

class VariableView {
  @ApiProperty() collection: string;
  @ApiProperty({ type: String, nullable: true }) key: string | null;
}

export class OverrideView extends IntersectionType(ChildStamp, TargetView) {}

export class ExclusionView extends IntersectionType(ChildStamp, TargetView) {
  @ApiProperty({ type: VariableView, nullable: true }) variable: VariableView | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) vhostId: string | null;
  @ApiProperty({ type: String, nullable: true }) path: string | null;
  @ApiProperty({ enum: ['remove', 'update-target', 'runtime'], description: 'Where the exclusion lands in a bundle' }) rendering: string;
}

export class CustomRuleView extends ChildStamp {
  @ApiProperty({ type: 'integer' }) ruleId: number;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: 'integer' }) phase: number;
  @ApiProperty({ type: [VariableView] }) variables: VariableView[];
  @ApiProperty({ enum: OPERATORS }) operator: string;
  @ApiProperty() negate: boolean;
  @ApiProperty({ type: String, nullable: true }) argument: string | null;
  @ApiProperty({ type: [String] }) transformations: string[];
  @ApiProperty({ enum: ['deny', 'log', 'allow'] }) action: string;
  @ApiProperty({ type: 'integer', nullable: true }) status: number | null;
  @ApiProperty() severity: string;
  @ApiProperty() message: string;
  @ApiProperty() comment: string;
}
