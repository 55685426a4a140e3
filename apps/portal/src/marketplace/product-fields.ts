import { normalise } from '../sources/source.record';
import type { CreateProductDto, LineageDto, SchemaInfoDto, SlaDto } from './product.dto';

const sla = (s: SlaDto | null | undefined) =>
  s == null
    ? null
    : {
        freshness_minutes: s.freshness_minutes ?? 120,
        availability_percent: s.availability_percent ?? 99.5,
        valid_row_ratio: s.valid_row_ratio ?? 0.95,
        supported_until: s.supported_until ?? null,
      };
const lineage = (l: LineageDto | null | undefined) =>
  l == null ? null : { upstream: l.upstream ?? [], downstream: l.downstream ?? [], transformations: l.transformations ?? [] };
const schemaInfo = (s: SchemaInfoDto | null | undefined) =>
  s == null ? null : { format: s.format ?? 'delta', location: s.location ?? '', columns: s.columns ?? [], partition_by: s.partition_by ?? [] };

/** A product's writable fields, normalised (every nested field present): what is stored and compared. */
export function productFields(input: CreateProductDto) {
  return {
    name: input.name,
    description: input.description,
    domain: input.domain,
    classification: input.classification ?? 'internal',
    owner: normalise.owner(input.owner),
    tags: { ...(input.tags ?? {}) },
    schema: normalise.schema(input.schema),
    sample_queries: input.sample_queries ?? null,
    documentation_url: input.documentation_url ?? null,
    version: input.version ?? '1.0.0',
    status: input.status ?? 'active',
    sla: sla(input.sla),
    lineage: lineage(input.lineage),
    schema_info: schemaInfo(input.schema_info),
  };
}

export type ProductFields = ReturnType<typeof productFields>;

/** `dp-{domain}-{slug}-`: the product slug, before the random suffix. */
export function productIdPrefix(domain: string, name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[ _]/g, '-')
    .replace(/[^a-z0-9-]/g, '');
  const slug = cleaned.split('-').slice(0, 3).join('-').slice(0, 30) || 'product';
  return `dp-${domain}-${slug}-`;
}
