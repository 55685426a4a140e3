import { iso, isoOrNull, json } from '@lib/persistence';
import { ApiProperty } from '@nestjs/swagger';
import {
  ConnectionConfigDto,
  DataProductConfigDto,
  IngestionConfigDto,
  OwnerDto,
  QualityRuleDto,
  SchemaDefinitionDto,
  TargetConfigDto,
  type CreateSourceDto,
} from './source.dto';

type Nullable<T> = { [K in keyof T]-?: Exclude<T[K], undefined> | null };
export type Connection = Nullable<ConnectionConfigDto>;
export type SchemaDefinition = Omit<Nullable<SchemaDefinitionDto>, 'columns'> & { columns: Array<Nullable<SchemaColumnLike>> };
interface SchemaColumnLike {
  name: string;
  data_type: string;
  nullable: boolean;
  description: string | null;
  is_pii: boolean;
  classification: string | null;
}
export type Owner = Nullable<OwnerDto>;

/** SourceRecord on the wire: nested objects normalised, every field present. */
export class SourceRecord {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() source_type: string;
  @ApiProperty() domain: string;
  @ApiProperty() classification: string;
  @ApiProperty({ type: ConnectionConfigDto }) connection: Connection;
  @ApiProperty({ type: SchemaDefinitionDto, nullable: true }) schema: SchemaDefinition | null;
  @ApiProperty({ type: IngestionConfigDto }) ingestion: Record<string, unknown>;
  @ApiProperty({ type: [QualityRuleDto] }) quality_rules: Array<Record<string, unknown>>;
  @ApiProperty({ type: DataProductConfigDto, nullable: true }) data_product: Record<string, unknown> | null;
  @ApiProperty({ type: TargetConfigDto }) target: Record<string, unknown>;
  @ApiProperty({ type: OwnerDto }) owner: Owner;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) tags: Record<string, string>;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) provisioned_at: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The ADF pipeline name (not a pipeline id).' }) pipeline_id: string | null;
  @ApiProperty({ nullable: true, type: String }) purview_scan_id: string | null;
}

const orNull = <T>(value: T | undefined | null): T | null => (value === undefined ? null : value);

export const normalise = {
  connection: (c: Partial<ConnectionConfigDto> = {}): Connection => ({
    host: orNull(c.host),
    port: orNull(c.port),
    database: orNull(c.database),
    schema: orNull(c.schema),
    container: orNull(c.container),
    path: orNull(c.path),
    api_url: orNull(c.api_url),
    authentication_method: orNull(c.authentication_method),
    key_vault_secret_name: orNull(c.key_vault_secret_name),
  }),
  schema: (s: SchemaDefinitionDto | null | undefined): SchemaDefinition | null =>
    s == null
      ? null
      : {
          columns: s.columns.map((column) => ({
            name: column.name,
            data_type: column.data_type,
            nullable: column.nullable ?? true,
            description: orNull(column.description),
            is_pii: column.is_pii ?? false,
            classification: orNull(column.classification),
          })),
          primary_key: orNull(s.primary_key),
          partition_columns: orNull(s.partition_columns),
          watermark_column: orNull(s.watermark_column),
        },
  ingestion: (i: Partial<IngestionConfigDto> = {}) => ({
    mode: i.mode ?? 'full',
    schedule_cron: orNull(i.schedule_cron),
    batch_size: orNull(i.batch_size),
    parallelism: orNull(i.parallelism),
    max_retry_count: orNull(i.max_retry_count),
    timeout_minutes: orNull(i.timeout_minutes),
  }),
  qualityRules: (rules: QualityRuleDto[] = []) =>
    rules.map((rule) => ({
      rule_name: rule.rule_name,
      rule_type: rule.rule_type,
      column: orNull(rule.column),
      parameters: { ...(rule.parameters ?? {}) },
      severity: rule.severity ?? 'warning',
    })),
  dataProduct: (d: DataProductConfigDto | null | undefined) =>
    d == null
      ? null
      : {
          name: d.name,
          description: d.description,
          domain: d.domain,
          sla_freshness_hours: d.sla_freshness_hours ?? 24,
          sla_completeness: d.sla_completeness ?? 0.98,
          sla_availability: d.sla_availability ?? 0.995,
        },
  target: (t: Partial<TargetConfigDto> = {}) => ({
    landing_zone: t.landing_zone ?? 'dlz-default',
    container: t.container ?? 'bronze',
    path_pattern: t.path_pattern ?? '{domain}/{source_name}/{year}/{month}/{day}',
    format: t.format ?? 'delta',
    partition_by: orNull(t.partition_by),
  }),
  owner: (o: OwnerDto): Owner => ({ name: o.name, email: o.email, team: o.team, cost_center: orNull(o.cost_center) }),
  tags: (tags: Record<string, string> = {}) => ({ ...tags }),
};

/** The registration fields of a record, normalised: what the store holds and what re-validation sees. */
export function registrationFields(input: CreateSourceDto) {
  return {
    name: input.name,
    description: input.description ?? '',
    source_type: input.source_type,
    domain: input.domain,
    classification: input.classification ?? 'internal',
    connection: normalise.connection(input.connection),
    schema: normalise.schema(input.schema),
    ingestion: normalise.ingestion(input.ingestion),
    quality_rules: normalise.qualityRules(input.quality_rules),
    data_product: normalise.dataProduct(input.data_product),
    target: normalise.target(input.target),
    owner: normalise.owner(input.owner),
    tags: normalise.tags(input.tags),
  };
}

export type RegistrationFields = ReturnType<typeof registrationFields>;

export interface StoredSource {
  readonly record: SourceRecord;
  readonly version: number;
}

export function sourceFromRow(row: Record<string, unknown>): StoredSource {
  return {
    version: Number(row.row_version),
    record: {
      id: String(row.id),
      name: String(row.name),
      description: String(row.description),
      source_type: String(row.source_type),
      domain: String(row.domain),
      classification: String(row.classification),
      connection: json(row.connection),
      schema: json(row.schema_def),
      ingestion: json(row.ingestion),
      quality_rules: json(row.quality_rules),
      data_product: json(row.data_product),
      target: json(row.target),
      owner: {
        name: String(row.owner_name),
        email: String(row.owner_email),
        team: String(row.owner_team),
        cost_center: (row.owner_cost_center as string | null) ?? null,
      },
      tags: json(row.tags),
      status: String(row.status),
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
      provisioned_at: isoOrNull(row.provisioned_at),
      pipeline_id: (row.adf_pipeline_name as string | null) ?? null,
      purview_scan_id: (row.purview_scan_id as string | null) ?? null,
    },
  };
}
