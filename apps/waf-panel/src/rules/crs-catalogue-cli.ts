import { existsSync, statSync } from 'node:fs';
import { buildCatalogue } from './crs-catalogue';

const USAGE = `Usage: npm run -s crs:catalogue -- <CRS rules directory> > catalogue.json

Writes {"ids": [...], "tags": [...]} of every rule in the directory's *.conf files, for
WAF_CRS_CATALOGUE (the WAF panel then refuses overrides and exclusions of unknown ids and tags).
Exit codes: 0 written; 2 usage error (no such directory).`;

const [directory] = process.argv.slice(2);
if (!directory || directory === '--help' || directory === '-h') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(directory ? 0 : 2);
}
if (!existsSync(directory) || !statSync(directory).isDirectory()) {
  process.stderr.write(`crs:catalogue: ${directory} is not a directory\n${USAGE}\n`);
  process.exit(2);
}
const catalogue = buildCatalogue(directory);
process.stderr.write(`crs:catalogue: ${catalogue.ids.length} rule ids, ${catalogue.tags.length} tags\n`);
process.stdout.write(`${JSON.stringify(catalogue)}\n`);
