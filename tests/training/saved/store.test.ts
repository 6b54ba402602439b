/**
 * Saved models on disk: a save and a load in NNLEARN_HOME/models, a damaged file of every kind
 * named in both languages and left byte for byte as it was (by a load, by a save over it, by a
 * listing), bad names, and a full disk that leaves the old model and no partial file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Linear, ReLU, seeded, Sequential, type Module } from '../../../src/engine/nn/index.js';
import { realFs } from '../../../src/storage/fs-seam.js';
import { applyState, checkModelName, listModels, loadModel, loadModelFile, modelPath, saveModel, saveModelFile, type SaveMeta, type StoreOpts } from '../../../src/training/saved/index.js';
import { fsWith, newDir as madeDir } from '../../storage/helpers.js';

/** Fresh folders for this file, removed when it ends. */
const made: string[] = [];
const newDir = (prefix: string): string => {
  const d = madeDir(prefix);
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const net = (seed: number, hidden = 4): Module => new Sequential([new Linear(2, hidden, { rng: seeded(seed) }), ReLU(), new Linear(hidden, 3, { rng: seeded(seed + 1) })]);
const META: SaveMeta = { runId: 'spiral', options: { net: '2 | fc 4 | relu | fc 3', lr: 0.1, seed: 3, lang: 'zh' }, epoch: 2, step: 40, nnlearn: '0.0.0-test' };
const T = new Date('2026-12-05T22:30:00.000Z');

function home(): StoreOpts {
  return { env: { NNLEARN_HOME: newDir('nnlearn-models-') }, now: () => T };
}

const weights = (m: Module) => m.namedParameters().map(([n, t]) => [n, [...t.shape], Array.from(new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length))]);

async function saved(o: StoreOpts, name = 'mine', m = net(1)): Promise<string> {
  const r = await saveModel(name, m, META, o);
  if (!r.ok) throw new Error(r.error.en);
  return r.path;
}

describe('save and load', () => {
  it('saves to NNLEARN_HOME/models/NAME.nnmodel and loads back the same weights and meta (lang dropped)', async () => {
    const o = home();
    const m = net(1);
    const r = await saveModel('mine', m, { ...META, lastEpoch: { epoch: 2, step: 40, loss: 0.5, accuracy: 0.75, test_loss: 0.6, test_accuracy: NaN, lr: 0.1, examples_per_second: 1234 } }, o);
    expect(r).toMatchObject({ ok: true, name: 'mine', path: join(o.env!.NNLEARN_HOME!, 'models', 'mine.nnmodel'), replaced: null });
    const l = await loadModel('mine', o);
    if (!l.ok) throw new Error(l.error.en);
    expect(l.meta).toMatchObject({ runId: 'spiral', epoch: 2, step: 40, nnlearn: '0.0.0-test', savedAt: T.toISOString(), options: { net: '2 | fc 4 | relu | fc 3', lr: 0.1, seed: 3 } });
    expect(l.meta.options).not.toHaveProperty('lang');
    expect(l.meta.lastEpoch!.test_accuracy).toBeNaN();
    const fresh = net(99);
    expect(weights(fresh)).not.toEqual(weights(m));
    expect(applyState(fresh, l)).toEqual({ ok: true });
    expect(weights(fresh)).toEqual(weights(m));
  });

  it('"--load mine.nnmodel" is the same as "--load mine"', async () => {
    const o = home();
    await saved(o);
    expect((await loadModel('mine.nnmodel', o)).ok).toBe(true);
  });

  it('saving again under a name replaces the model and says which one it replaced', async () => {
    const o = home();
    await saved(o);
    const r = await saveModel('mine', net(5), { ...META, runId: 'xor', epoch: 9 }, o);
    expect(r).toMatchObject({ ok: true, replaced: { runId: 'spiral', epoch: 2 } });
    const l = await loadModel('mine', o);
    expect(l.ok && l.meta.runId).toBe('xor');
  });

  it('refuses weights that are NaN or infinite, naming the parameter, and writes nothing', async () => {
    const o = home();
    const m = net(1);
    m.namedParameters()[2][1].data[1] = NaN;
    const r = await saveModel('bad', m, META, o);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.en).toMatch(/not saved: its parameter fc2\.weight \(2\.weight\) holds NaN \(number 1\).*lower --lr/);
    expect(r.error.zh).toMatch(/参数 fc2\.weight \(2\.weight\).*NaN/);
    expect(existsSync(modelPath('bad', o.env))).toBe(false);
  });

  it('a model that is not there: the message names the file and lists the saved ones', async () => {
    const o = home();
    const none = await loadModel('nope', o);
    expect(!none.ok && none.error.en).toMatch(/There is no saved model "nope" \(nnlearn looked for .*nope\.nnmodel\)\. No model has been saved yet: train one with --save NAME\./);
    await saved(o, 'b');
    await saved(o, 'a');
    const r = await loadModel('nope', o);
    expect(!r.ok && r.error.en).toMatch(/Saved models: a, b\./);
    expect(!r.ok && r.error.zh).toMatch(/没有名为 "nope" 的保存模型.*已保存的模型：a、b。/);
  });
});

describe('by path (the shipped pretrained models)', () => {
  it('saveModelFile and loadModelFile work on any path; a missing or damaged file is named', async () => {
    const dir = newDir('nnlearn-pretrained-');
    const path = join(dir, 'digits-lenet.nnmodel');
    const m = net(4);
    const s = await saveModelFile(path, m, META, { now: () => T });
    expect(s).toMatchObject({ ok: true, name: 'digits-lenet', path });
    const l = await loadModelFile(path);
    if (!l.ok) throw new Error(l.error.en);
    const fresh = net(8);
    expect(applyState(fresh, l)).toEqual({ ok: true });
    expect(weights(fresh)).toEqual(weights(m));

    const gone = await loadModelFile(join(dir, 'text-lstm.nnmodel'));
    expect(!gone.ok && gone.error).toEqual({ en: `There is no saved model at ${join(dir, 'text-lstm.nnmodel')}.`, zh: `${join(dir, 'text-lstm.nnmodel')} 处没有保存的模型。` });
    writeFileSync(path, readFileSync(path).subarray(0, 300));
    const cut = await loadModelFile(path);
    expect(!cut.ok && cut.error.en).toMatch(/^The saved model "digits-lenet" cannot be loaded: .*digits-lenet\.nnmodel is damaged: its contents do not match its checksum/);
  });
});

describe('model names', () => {
  it.each([
    ['', /needs a name/],
    ['../x', /path separator/],
    ['a/b', /path separator/],
    ['a\\b', /path separator/],
    ['.hidden', /starts with a dot/],
    ['my model', /not allowed/],
    ['naïve', /not allowed/],
    ['x'.repeat(65), /65 characters long/],
  ])('%j is refused, saying what works', async (name, why) => {
    const c = checkModelName(name);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.error.en).toMatch(why);
    expect(c.error.en).toMatch(/letters, digits, "-", "_" or "\." \(not first\)/);
    expect(c.error.zh).toMatch(/字母、数字/);
    const o = home();
    const s = await saveModel(name, net(1), META, o);
    expect(s).toEqual({ ok: false, error: c.error });
    expect(existsSync(join(o.env!.NNLEARN_HOME!, 'models'))).toBe(false);
    expect((await loadModel(name, o)).ok).toBe(false);
  });

  it.each(['a', 'lenet-5', 'spiral_adam.v2', 'A1', 'x'.repeat(64)])('%j is a name', (name) => {
    expect(checkModelName(name)).toEqual({ ok: true, name });
  });
});

/** Each way a file can be unusable, made at `path`, with what its message must say. */
const DAMAGE: [string, (path: string, good: Buffer) => void, RegExp, RegExp][] = [
  ['cut short', (p, g) => writeFileSync(p, g.subarray(0, g.length - 100)), /is damaged: its contents do not match its checksum \(it was cut short or changed after it was saved\)\./, /已损坏：它的内容与校验和不符/],
  ['one byte flipped', (p, g) => writeFileSync(p, Buffer.from(g).fill(g[g.length - 50] ^ 1, g.length - 50, g.length - 49)), /is damaged: its contents do not match its checksum/, /已损坏/],
  ['a wrong magic', (p, g) => writeFileSync(p, Buffer.concat([Buffer.from('PK\u0003\u0004'), g])), /is not an nnlearn model file/, /不是 nnlearn 的模型文件/],
  ['a future format', (p, g) => writeFileSync(p, g.toString('latin1').replace('nnlearn-model 1 ', 'nnlearn-model 7 '), 'latin1'), /was saved by a newer nnlearn \(model format 7; this nnlearn reads format 1\)\./, /更新版本的 nnlearn/],
  ['empty', (p) => writeFileSync(p, ''), /is empty: it is not a saved model/, /是空文件/],
  ['a directory', (p) => mkdirSync(p), /is a folder, not a regular file/, /是文件夹，不是普通文件/],
  ['a symlink', (p, g) => (writeFileSync(p + '-target', g), symlinkSync(p + '-target', p)), /is a symbolic link, not a regular file/, /是符号链接/],
  ['a FIFO', (p) => execFileSync('mkfifo', [p]), /is a named pipe \(FIFO\), not a regular file/, /命名管道/],
];

/** What is at the path, byte for byte (or what kind of thing it is, for what cannot be read as bytes). */
function snapshot(path: string): string {
  const st = lstatSync(path);
  if (st.isFile()) return 'file:' + readFileSync(path).toString('base64');
  if (st.isSymbolicLink()) return 'link:' + readFileSync(path + '-target').toString('base64');
  return st.isDirectory() ? 'dir:' + readdirSync(path).join(',') : 'other:' + st.mode;
}

describe('a damaged model file', () => {
  for (const [what, make, en, zh] of DAMAGE) {
    it(`${what}: a load says so in both languages and names the file, a save over it is refused, a listing reports it — and it stays exactly as it was`, async () => {
      const o = home();
      const good = readFileSync(await saved(o, 'donor'));
      const path = modelPath('mine', o.env);
      make(path, good);
      const before = snapshot(path);

      const l = await loadModel('mine', o);
      expect(l.ok).toBe(false);
      if (l.ok) return;
      expect(l.error.en).toMatch(en);
      expect(l.error.zh).toMatch(zh);
      expect(l.error.en).toContain(path);
      expect(l.error.zh).toContain(path);
      expect(l.error.en).toMatch(/^The saved model "mine" cannot be loaded: /);
      // What would work: a newer nnlearn; moving a damaged file away (notAFileMsg says it for a folder, link or FIFO).
      expect(l.error.en).toMatch(what === 'a future format' ? /Update nnlearn to load it, or load another model\./ : /Move it away/);
      expect(snapshot(path)).toBe(before);

      const s = await saveModel('mine', net(2), META, o);
      expect(s.ok).toBe(false);
      if (s.ok) return;
      expect(s.error.en).toMatch(/^The model was not saved under the name "mine": .*Save under another name, or move that file away first\./s);
      expect(s.error.en).toMatch(en);
      expect(s.error.zh).toMatch(/模型没有以 "mine" 为名保存/);
      expect(snapshot(path)).toBe(before);

      const list = await listModels(o);
      expect(list.models.map((m) => m.name)).toEqual(['donor']);
      expect(list.damaged).toEqual([{ name: 'mine', path, error: l.error }]);
      expect(snapshot(path)).toBe(before);
      // No temp file was left by the refused save.
      expect(readdirSync(join(o.env!.NNLEARN_HOME!, 'models')).filter((f) => f.includes('.tmp-'))).toEqual([]);
    });
  }

  it('a models "folder" that is a file: save and list say so and leave it', async () => {
    const o = home();
    const dir = join(o.env!.NNLEARN_HOME!, 'models');
    writeFileSync(dir, 'mine');
    const s = await saveModel('x', net(1), META, o);
    expect(!s.ok && s.error.en).toMatch(/models is where nnlearn keeps saved models, but it is a file, not a folder/);
    expect((await listModels(o)).error?.en).toMatch(/not a folder/);
    expect(readFileSync(dir, 'utf8')).toBe('mine');
  });
});

describe('listing', () => {
  it('lists the saved models by name with their run and time, and ignores what is not a model file', async () => {
    const o = home();
    await saved(o, 'zeta');
    await saved(o, 'alpha');
    const dir = join(o.env!.NNLEARN_HOME!, 'models');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'alpha.nnmodel.tmp-123-abc'), 'half');
    const list = await listModels(o);
    expect(list.models.map((m) => [m.name, m.meta.runId, m.meta.savedAt])).toEqual([
      ['alpha', 'spiral', T.toISOString()],
      ['zeta', 'spiral', T.toISOString()],
    ]);
    expect(list.damaged).toEqual([]);
  });

  it('no models folder yet: an empty list, and nothing is created', async () => {
    const o = home();
    expect(await listModels(o)).toEqual({ models: [], damaged: [] });
    expect(existsSync(join(o.env!.NNLEARN_HOME!, 'models'))).toBe(false);
  });
});

/** A disk that takes only `room` more bytes, then reports 0 written (as tests/storage/full-disk.test.ts). */
const shortWrites = (room: number) =>
  fsWith({
    write: async (fd, buf, off, len) => realFs.write(fd, buf, off, Math.min(len, room)).then((n) => ((room = Math.max(0, room - n)), n)),
  });

describe('a full disk', () => {
  it('a save that does not fit leaves the old model byte for byte, no partial or temp file, and says the old model is safe', async () => {
    const o = home();
    const path = await saved(o);
    const before = readFileSync(path);
    const r = await saveModel('mine', net(2, 40), META, { ...o, fs: shortWrites(1000) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.en).toMatch(/^The model was not saved: The disk is full \(only \d+ of \d+ bytes of .*mine\.nnmodel could be written\)\. The model saved earlier as "mine" is as it was\./);
    expect(r.error.zh).toMatch(/模型没有保存：磁盘已满.*之前以 "mine" 保存的模型保持原样。/);
    expect(readFileSync(path)).toEqual(before);
    expect(readdirSync(join(o.env!.NNLEARN_HOME!, 'models'))).toEqual(['mine.nnmodel']);
    const l = await loadModel('mine', o);
    expect(l.ok && applyState(net(3), l).ok).toBe(true);
  });

  it('ENOSPC on a new name leaves no file at all', async () => {
    const o = home();
    const r = await saveModel('new', net(1), META, { ...o, fs: fsWith({ write: async () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) }) });
    expect(!r.ok && r.error.en).toMatch(/The disk is full \(ENOSPC writing .*new\.nnmodel\)\. No file was left behind\./);
    expect(readdirSync(join(o.env!.NNLEARN_HOME!, 'models'))).toEqual([]);
  });
});

// A real small filesystem: only where this process may mount one (root in a container; elsewhere skipped).
const mnt = madeDir('nnlearn-models-tmpfs-');
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'ignore' });
  mounted = true;
} catch {
  mounted = false;
}
afterAll(() => {
  if (mounted) execFileSync('umount', [mnt]);
  rmSync(mnt, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a real 64 KB disk', () => {
  it('a model too big for the space left is not saved: the small model saved before under that name is intact and loads, no temp file is left', async () => {
    const o = { env: { NNLEARN_HOME: mnt }, now: () => T };
    const path = await saved(o, 'mine', net(1));
    const before = readFileSync(path);
    // 2 → 2000 → 3: 12,003 floats, about 64 kB in the file — more than the disk has left.
    const r = await saveModel('mine', net(1, 2000), META, o);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.en).toMatch(/^The model was not saved: The disk is full.*The model saved earlier as "mine" is as it was\./);
    expect(readFileSync(path)).toEqual(before);
    expect(readdirSync(join(mnt, 'models'))).toEqual(['mine.nnmodel']);
    expect((await loadModel('mine', o)).ok).toBe(true);
  });
});

describe('applyState', () => {
  it('names the first parameter whose shape differs (another --net), and changes nothing', async () => {
    const o = home();
    await saved(o, 'mine', net(1, 4));
    const l = await loadModel('mine', o);
    if (!l.ok) throw new Error(l.error.en);
    const other = net(7, 8);
    const before = weights(other);
    const r = applyState(other, l);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.en).toBe(
      "The saved model does not fit this network: its parameter fc1.weight (0.weight) has shape [4, 2], this network's has [8, 2]. It was saved from the run spiral with --net '2 | fc 4 | relu | fc 3'. Load it into the same network it was saved from (the same run and --net), or train a new one.",
    );
    expect(r.error.zh).toMatch(/^保存的模型与这个网络不匹配：它的参数 fc1\.weight \(0\.weight\) 形状是 \[4, 2\]，而这个网络的是 \[8, 2\]/);
    expect(weights(other)).toEqual(before);
  });

  it('names a parameter the saved model lacks, and one it has that the network lacks', async () => {
    const o = home();
    await saved(o, 'deep', new Sequential([new Linear(2, 4), ReLU(), new Linear(4, 3), ReLU(), new Linear(3, 3)]));
    const l = await loadModel('deep', o);
    if (!l.ok) throw new Error(l.error.en);
    const r = applyState(net(1), l);
    expect(!r.ok && r.error.en).toMatch(/the saved model has a parameter 4\.weight that this network does not have/);
    const shallow = await loadModel('deep', o);
    if (!shallow.ok) throw new Error('');
    delete shallow.state['2.bias'];
    const r2 = applyState(net(1), shallow);
    expect(!r2.ok && r2.error.en).toMatch(/this network has a parameter fc2\.bias \(2\.bias\) \(shape \[3\]\) that the saved model does not have/);
  });
});
