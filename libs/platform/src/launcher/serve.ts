/**
 * The container's command (`npm run start:container`): one service, chosen by the first argument
 * or SERVICE, run in this very process, so the orchestrator's SIGTERM reaches it directly. An
 * unknown or missing choice exits 78 (configuration) naming the choices.
 */
import { resolve } from 'node:path';
import { EXIT_CONFIGURATION } from '../bootstrap';
import { distRoot, SERVICES } from './services';

const chosen = process.argv[2] ?? process.env.SERVICE;
const service = SERVICES.find((candidate) => candidate.name === chosen);
if (!service) {
  process.stderr.write(`SERVICE="${chosen ?? ''}": choose the service to run with SERVICE or the first argument: ${SERVICES.map((s) => s.name).join(', ')}\n`);
  process.exit(EXIT_CONFIGURATION);
}
// The services are apps and this is a lib: it loads the chosen one by path, never by import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(resolve(distRoot, service.entry));
