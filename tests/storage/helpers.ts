/** Shared by the saved-state tests: a fresh folder, a small store, and a filesystem seam to inject faults. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { JsonStore, type StoreOptions } from '../../src/storage/json-store.js';
import { realFs, type StoreFs } from '../../src/storage/fs-seam.js';

export const schema = z.object({ n: z.number(), log: z.array(z.string()) });
export type S = z.infer<typeof schema>;
export const emptyS = (): S => ({ n: 0, log: [] });

export const newDir = (prefix = 'nnlearn-storage-') => mkdtempSync(join(tmpdir(), prefix));

export function storeIn(dir: string, o: StoreOptions<S> = {}): JsonStore<S> {
  return new JsonStore<S>(join(dir, 'state.json'), schema, emptyS, o);
}

export const answers = (k: number): S => ({ n: k, log: Array.from({ length: k }, (_, i) => `a${i}`) });
export const addOne = (s: S): S => ({ n: s.n + 1, log: [...s.log, `a${s.log.length}`] });

/** A gate a test opens when it wants: the hooked operation waits on it. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

/** The real filesystem with some calls replaced. */
export const fsWith = (over: Partial<StoreFs>): StoreFs => ({ ...realFs, ...over });

export const tick = () => new Promise((r) => setTimeout(r, 20));
