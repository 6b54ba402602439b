import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { JsonStore } from '../src/storage/json-store.js';

const schema = z.object({ n: z.number(), log: z.array(z.string()) });
type S = z.infer<typeof schema>;
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nnlearn-store-'));
  return { dir, store: new JsonStore<S>(join(dir, 'state.json'), schema, () => ({ n: 0, log: [] })) };
};

describe('JsonStore', () => {
  it('starts empty and persists updates', async () => {
    const { store } = fresh();
    expect((await store.load()).value).toEqual({ n: 0, log: [] });
    await store.update((s) => ({ n: s.n + 1, log: [...s.log, 'a'] }));
    expect((await store.load()).value).toEqual({ n: 1, log: ['a'] });
  });

  it('a corrupt file is moved aside (not overwritten) and the last good backup is used', async () => {
    const { dir, store } = fresh();
    await store.update(() => ({ n: 1, log: ['first'] }));
    await store.update((s) => ({ n: 2, log: [...s.log, 'second'] }));
    writeFileSync(store.path, '{"n": 2, "log": ["sec');
    const loaded = await store.load();
    expect(loaded.recovery?.usedBackup).toBe(true);
    expect(loaded.value).toEqual({ n: 1, log: ['first'] });
    const moved = readdirSync(dir).find((f) => f.includes('.corrupt-'))!;
    expect(readFileSync(join(dir, moved), 'utf8')).toBe('{"n": 2, "log": ["sec');
  });

  it('a file of the wrong shape is reported with the field at fault', async () => {
    const { store } = fresh();
    writeFileSync(store.path, JSON.stringify({ n: 'three', log: [] }));
    const loaded = await store.load();
    expect(loaded.recovery?.reason).toMatch(/n:/);
    expect(loaded.value).toEqual({ n: 0, log: [] });
  });

  it('forty concurrent updates from two stores lose nothing', async () => {
    const { store } = fresh();
    const other = new JsonStore<S>(store.path, schema, () => ({ n: 0, log: [] }));
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? store : other).update((s) => ({ n: s.n + 1, log: [...s.log, String(i)] }))));
    const v = (await store.load()).value;
    expect(v.n).toBe(40);
    expect(new Set(v.log).size).toBe(40);
  });
});
