/**
 * A fresh `npm install` of the project ends quietly: npm 11 warns about every
 * dependency whose install script package.json's `allowScripts` does not
 * decide (a newcomer reads that warning as a failed install), and npm 12 will
 * skip such scripts. So every package the lockfile marks as having an install
 * script must be named there, allowed or denied on purpose.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

/** Package name from a lockfile key such as "node_modules/a/node_modules/@s/b". */
const nameOf = (key: string): string => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('install scripts', () => {
  it('every dependency with an install script is allowed or denied in package.json', () => {
    const lock = readJson('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([key, p]) => key !== '' && p.hasInstallScript === true)
      .map(([key]) => nameOf(key));
    expect(withScripts).toContain('esbuild');
    const decided = (readJson('package.json') as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    // Keys may be pinned ("pkg@1.2.3"); the name is what comes before the version's "@".
    const names = new Set(Object.keys(decided).map((k) => k.replace(/(?<=.)@.*$/, '')));
    expect(withScripts.filter((name) => !names.has(name))).toEqual([]);
  });
});
