/** Writes the documents generated from the catalog and the rules. */
import * as fs from 'fs';
import * as path from 'path';
import { GENERATED } from './docs';

for (const [file, render] of Object.entries(GENERATED)) {
  const full = path.join(__dirname, '..', file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, render());
  process.stdout.write(`wrote ${file}\n`);
}
