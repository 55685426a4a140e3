/**
 * The OpenAPI contract of a running service: its document, a typed openapi-fetch client whose
 * every answer is checked against the document's schema for that operation and status.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { ServiceUnderTest } from '../harness/http-service';

type Schema = Record<string, unknown>;
interface Document {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** An answer that does not match its documented schema, or has no documented status. */
export interface Breach {
  operation: string;
  status: number;
  problem: string;
}

/**
 * OpenAPI 3.0's dialect as JSON Schema: `nullable` admits null beside whatever the schema says
 * (a `$ref` under `allOf` included), and boolean exclusive bounds become numeric ones.
 */
export function asJsonSchema(schema: unknown, closed = false): unknown {
  const recurse = (value: unknown) => asJsonSchema(value, closed);
  if (Array.isArray(schema)) return schema.map(recurse);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === 'properties' || key === 'schemas' ? mapValues(value, recurse) : recurse(value)]),
  ) as Schema;
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof rest[flag] === 'boolean') {
      if (rest[flag]) rest[flag] = rest[bound];
      else delete rest[flag];
      if (rest[flag] !== undefined) delete rest[bound];
    }
  }
  // `closed`: an answer may carry no member its schema does not name (undocumented fields are
  // drift too). Problem details stay open: RFC 9457 lets every problem type add members.
  if (closed && rest.properties && rest.additionalProperties === undefined) rest.additionalProperties = false;
  return nullable === true ? { anyOf: [{ type: 'null' }, rest] } : rest;
}

const mapValues = (value: unknown, map: (item: unknown) => unknown) =>
  Object.fromEntries(Object.entries(value as Schema).map(([key, item]) => [key, map(item)]));

/**
 * A client for `paths` whose answers are validated against `document`. OpenAPI 3.0 schemas are
 * JSON Schema plus `nullable`, which Ajv understands; formats are documentation here, not checks.
 */
export function contractClient<Paths extends object>(service: ServiceUnderTest<never>, document: Document, token: string | null) {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  const breaches: Breach[] = [];
  const checked: string[] = [];
  const validatorFor = (key: string, schema: Schema) => {
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(asJsonSchema({ ...schema, components: document.components }, !key.endsWith('application/problem+json')) as Schema);
      validators.set(key, validate);
    }
    return validate;
  };
  const contract: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toLowerCase();
      const operation = `${request.method} ${schemaPath}`;
      const responses = document.paths[schemaPath]?.[method]?.responses ?? {};
      const declared = responses[String(response.status)];
      if (!declared) {
        breaches.push({ operation, status: response.status, problem: `status not documented (documented: ${Object.keys(responses).join(', ')})` });
        return undefined;
      }
      checked.push(`${operation} ${response.status}`);
      const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
      if (!declared.content) {
        if ((await response.clone().text()) !== '') breaches.push({ operation, status: response.status, problem: 'a body where none is documented' });
        return undefined;
      }
      const media = declared.content[type];
      if (!media) {
        breaches.push({
          operation,
          status: response.status,
          problem: `content type ${type} not documented (documented: ${Object.keys(declared.content).join(', ')})`,
        });
        return undefined;
      }
      if (!media.schema || !type.endsWith('json')) return undefined;
      const validate = validatorFor(`${operation} ${response.status} ${type}`, media.schema);
      if (!validate(await response.clone().json())) {
        const problems = (validate.errors ?? []).map((error) => {
          const extra = (error.params as { additionalProperty?: string }).additionalProperty;
          return `${error.instancePath || 'data'} ${error.message}${extra ? `: ${extra}` : ''}`;
        });
        breaches.push({ operation, status: response.status, problem: problems.join('; ') });
      }
      return undefined;
    },
  };
  const client: Client<Paths> = createClient<Paths>({ baseUrl: service.base, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  client.use(contract);
  return { client, breaches, checked };
}
