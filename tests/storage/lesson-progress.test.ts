/**
 * Lesson steps saved as keys come quickly: saves are serialized per process
 * and the newest wins (the file said step 2–4 while the screen showed 7).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { progressStore, saveStep } from '../../src/lessons/progress.js';
import { gate, newDir } from './helpers.js';

describe('lesson progress saves', () => {
  it('with the first write delayed, saves for steps 2..7 end with the file at step 7', async () => {
    const home = newDir('nnlearn-progress-');
    const first = gate();
    let writes = 0;
    const store = progressStore(
      { NNLEARN_HOME: home },
      {
        hooks: {
          // Only the main file's write counts (the backup is written first, from the state read).
          beforeRename: async (_tmp, target) => {
            if (target.endsWith('lessons.json') && writes++ === 0) await first.wait;
          },
        },
      },
    );
    const saves = [2, 3, 4, 5, 6, 7].map((step) => saveStep('cnn/pooling', step, 12, store));
    first.open();
    const results = await Promise.all(saves);
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8')) as { lessons: Record<string, { step: number }> };
    expect(onDisk.lessons['cnn/pooling'].step).toBe(7);
    // Every caller learns the outcome; the later ones see step 7.
    expect(results[results.length - 1].lessons['cnn/pooling'].step).toBe(7);
    // Superseded steps were not written one by one: the first save, then one for the newest.
    expect(writes).toBe(2);
  });

  it('steps of two lessons pending at once are both kept', async () => {
    const home = newDir('nnlearn-progress-');
    const first = gate();
    let n = 0;
    const store = progressStore({ NNLEARN_HOME: home }, { hooks: { beforeRename: async () => void (n++ === 0 && (await first.wait)) } });
    const saves = [saveStep('dnn', 1, 12, store), saveStep('cnn/pooling', 3, 12, store), saveStep('rnn', 5, 12, store), saveStep('cnn/pooling', 4, 12, store)];
    first.open();
    await Promise.all(saves);
    const p = (await store.load()).value;
    expect(Object.fromEntries(Object.entries(p.lessons).map(([k, v]) => [k, v.step]))).toEqual({ dnn: 1, 'cnn/pooling': 4, rnn: 5 });
  });
});
