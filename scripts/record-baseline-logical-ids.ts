/**
 * Writes test/fixtures/baseline-logical-ids.json: for every configuration of
 * test/baseline/logical-id-configurations.ts and every stack, the sorted `logicalId -> resource Type`.
 *
 *   npx ts-node --transpile-only scripts/record-baseline-logical-ids.ts
 *
 * Regenerate only to ADD resources (a new baseline part); review the diff: an existing logical ID that
 * disappears or changes type means CloudFormation would replace (or delete) a deployed resource.
 */
import * as fs from 'fs';
import * as path from 'path';
import { synthesizeConfigurations } from '../test/baseline/logical-id-configurations';

const file = path.join(__dirname, '..', 'test', 'fixtures', 'baseline-logical-ids.json');
const configurations = synthesizeConfigurations();
fs.writeFileSync(file, JSON.stringify(configurations, null, 2) + '\n');
const count = Object.values(configurations).reduce((n, ids) => n + Object.keys(ids).length, 0);
console.log(`${path.relative(process.cwd(), file)}: ${Object.keys(configurations).length} stacks, ${count} resources`);
