/**
 * Temp files left by killed writes are removed under the lock (where no write
 * of that file can be running, so no age or clock is compared): ours
 * (FILE.tmp-…), write-file-atomic's (FILE.<digits>) from older versions, and
 * lock folders renamed away but not yet removed.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addOne, newDir, storeIn } from './helpers.js';

describe('temp files of killed writes', () => {
  it('are removed by the next save; other files are kept', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    await s.update(addOne);
    for (const f of ['state.json.tmp-123-abc', 'state.json.bak.tmp-9-x', 'state.json.2747419384', 'state.json.bak.12', 'state.json.corrupt-2025', 'other.json.tmp-1-a', 'notes.txt'])
      writeFileSync(join(dir, f), 'x');
    // Lock folders renamed away to be removed, by a process killed right then.
    for (const d of ['state.json.lock.stale-12-ab', 'state.json.lock.released-cd']) {
      mkdirSync(join(dir, d));
      writeFileSync(join(dir, d, 'owner.json'), '{}');
    }
    await storeIn(dir).update(addOne);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'other.json.tmp-1-a', 'state.json', 'state.json.bak', 'state.json.corrupt-2025']);
  });
});
