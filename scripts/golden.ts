/**
 * npm run golden -- FILE [FILE…]
 * Runs every case of nnlearn-golden/1 (ops) and nnlearn-train/1 (training runs)
 * files through the engine; prints each
 * failure and ends with "N passed, M failed". Exit code 1 if anything failed.
 */
import { readFileSync } from 'node:fs';
import { checkGoldenText } from '../src/engine/golden-file.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run golden -- FILE.json [FILE.json …]   (files in the nnlearn-golden/1 or nnlearn-train/1 format)');
  process.exit(2);
}
let passed = 0;
let failed = 0;
for (const file of files) {
  let r;
  try {
    r = checkGoldenText(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file}: ${(e as Error).message}`);
    failed++;
    continue;
  }
  for (const f of r.failures) console.log(`FAIL ${f.id}${f.output ? ` [${f.output}]` : ''}: ${f.message}`);
  passed += r.passed;
  failed += r.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
