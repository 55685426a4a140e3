// Validates Kubernetes objects (a YAML stream on stdin) against the API's JSON schemas from
// `kubernetes-models`, which ships as ES modules only, hence this script beside the Jest suite.
// Prints one JSON line: [{ kind, name, error }] for each object, error null when it is valid.
import { parseAllDocuments } from 'yaml';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const results = [];
for (const document of parseAllDocuments(Buffer.concat(chunks).toString('utf8'))) {
  const object = document.toJS();
  if (!object) continue;
  const name = object.metadata?.name ?? '?';
  try {
    const models = await import(`kubernetes-models/${object.apiVersion}`);
    const Model = models[object.kind];
    if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
    new Model(object).validate();
    results.push({ kind: object.kind, name, error: null });
  } catch (error) {
    results.push({ kind: object.kind, name, error: String(error.message ?? error) });
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
