/**
 * The REPL through the built program: `nnlearn run` (text and --json), the
 * piped REPL, languages, history — and what each command line loads.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, appendHistory, historyPath, loadHistory } from '../../src/repl/history.js';
import { inputsOf, runCli } from '../helpers/cli.js';

const HEAVY = /node_modules\/(ink|react|react-reconciler|mathjs|yoga-layout)\//;
const CJK = /[\u4e00-\u9fff]/;

/** stdout as one parsed JSON object per line (and nothing else). */
function jsonLines(stdout: string): Record<string, any>[] {
  const lines = stdout.split('\n').filter((l) => l !== '');
  return lines.map((l) => {
    try {
      return JSON.parse(l) as Record<string, any>;
    } catch {
      throw new Error(`not a JSON line: ${l.slice(0, 200)}`);
    }
  });
}

describe('what a command line loads', () => {
  it.each([
    ['conv 32x32x3 F=5 S=1 P=2', /conv\s+32×32×3 → 32×32×1/],
    ['net vgg16', /138,357,544/],
    ['pool 32x32x16 F=2 S=2', /16×16×16/],
  ])('nnlearn run %j loads neither Ink, React nor mathjs', (line, out) => {
    const r = runCli(['run', line], { trace: true });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(out);
    // The trace saw the program itself, so an empty list below means something.
    expect(r.loaded.some((u) => u.includes('/dist/cli.js'))).toBe(true);
    const inputs = inputsOf(r.loaded);
    expect(inputs.some((p) => p.includes('src/repl/'))).toBe(true);
    expect(inputs.filter((p) => HEAVY.test(p))).toEqual([]);
  });

  it('let with a plain number keeps mathjs unloaded too; an expression loads it (in its worker, not in the main bundle)', () => {
    const plain = runCli(['run', 'let W = 227', 'conv Wx227x3 F=11 S=4 K=96'], { trace: true });
    expect(plain.status).toBe(0);
    expect(inputsOf(plain.loaded).filter((p) => HEAVY.test(p))).toEqual([]);
    const math = runCli(['run', '--json', '(32-5+2*2)/1+1'], { trace: true });
    expect(math.status, math.stderr).toBe(0);
    expect(jsonLines(math.stdout)).toEqual([{ command: 'math', ok: true, expression: '(32-5+2*2)/1+1', value: 32 }]);
  });
});

describe('nnlearn run --json', () => {
  it('prints one JSON object per command with the README fields, and exits 0', () => {
    const r = runCli(['run', '--json', 'conv 32x32x3 F=5 S=1 P=2 K=16', 'pool 32x32x16 F=2 S=2', 'fc 4096 -> 1000', 'net vgg16', 'softmax [2, 1, 0.1]', 'let x = [1, 2]', 'relu -3']);
    expect(r.status, r.stderr).toBe(0);
    const [conv, pool, fc, net, softmax, letX, relu] = jsonLines(r.stdout);
    expect(jsonLines(r.stdout)).toHaveLength(7);

    expect(conv).toMatchObject({
      command: 'conv',
      ok: true,
      input: { width: 32, height: 32, depth: 3 },
      output: { width: 32, height: 32, depth: 16 },
      params: 1216,
      weightsPerFilter: 75,
      biasPerFilter: 1,
      filters: 16,
      hyper: { F: 5, S: 1, P: 2, K: 16, dilation: 1 },
      exact: { width: 32, height: 32 },
      receptiveField: { width: 5, height: 5, depth: 3 },
      fullyConnectedParams: 3072 * 16384 + 16384,
      pytorch: { input: [3, 32, 32], output: [16, 32, 32], weight: [16, 3, 5, 5] },
      warnings: [],
      unvisited: { rows: [], columns: [] },
    });
    expect(conv.formula.width).toContain('(32 − 5 + 2·2)/1 + 1');
    expect(typeof conv.formula.height).toBe('string');

    expect(pool).toMatchObject({
      command: 'pool',
      ok: true,
      pool: 'max',
      input: { width: 32, height: 32, depth: 16 },
      output: { width: 16, height: 16, depth: 16 },
      params: 0,
      hyper: { F: 2, S: 2, P: 0, ceil: false },
      overlapping: false,
      exact: { width: 16, height: 16 },
      pytorch: { input: [16, 32, 32], output: [16, 16, 16] },
      warnings: [],
      unvisited: { rows: [], columns: [] },
    });
    expect(Object.keys(pool.formula)).toEqual(['width', 'height']);

    expect(fc).toMatchObject({ command: 'fc', ok: true, input: { features: 4096 }, output: { features: 1000 }, weights: 4_096_000, biases: 1000, params: 4_097_000 });

    expect(net).toMatchObject({ command: 'net', ok: true, name: expect.stringMatching(/vgg/i), params: 138_357_544 });
    expect(net.input).toBeDefined();
    expect(net.output).toBeDefined();
    expect(net.counts).toBeDefined();
    expect(net.layers.length).toBeGreaterThan(15);
    for (const layer of net.layers) {
      expect(typeof layer.name).toBe('string');
      expect(typeof layer.type).toBe('string');
      expect(typeof layer.params).toBe('number');
      expect(layer.output).toBeDefined();
    }
    expect(net.layers.reduce((a: number, l: { params: number }) => a + l.params, 0)).toBe(138_357_544);

    expect(softmax).toMatchObject({ command: 'softmax', ok: true, input: { shape: [3] }, output: { shape: [3] } });
    // Tensors are float32: 0.1 comes back as 0.10000000149011612.
    (softmax.input.data as number[]).forEach((v, i) => expect(v).toBeCloseTo([2, 1, 0.1][i], 6));
    expect(softmax.exp).toHaveLength(3);
    expect(typeof softmax.sum).toBe('number');
    expect(letX).toMatchObject({ command: 'let', ok: true, name: 'x', value: { shape: [2], data: [1, 2] } });
    expect(relu).toMatchObject({ command: 'relu', ok: true, output: { shape: [1], data: [0] } });
  });

  it('a failure is {"command", "ok": false, "error", "column"}, the other commands still run, and the exit code is 1', () => {
    const r = runCli(['run', '--json', 'conv 32x32x3 F=5', 'conv 32x32x3 F=0', 'pool 4x4x1 F=2']);
    expect(r.status).toBe(1);
    const [good, bad, after] = jsonLines(r.stdout);
    expect(good).toMatchObject({ command: 'conv', ok: true });
    expect(bad).toEqual({ command: 'conv', ok: false, error: 'The filter size F must be at least 1, got 0.', column: 14 });
    expect(after).toMatchObject({ command: 'pool', ok: true, output: { width: 2, height: 2, depth: 1 } });
    // Without a column when the error points nowhere in particular.
    const noColumn = jsonLines(runCli(['run', '--json', 'conv 4x4x1 F=5']).stdout)[0];
    expect(noColumn).toMatchObject({ command: 'conv', ok: false });
    expect(noColumn.error).toMatch(/larger than the padded input/);
  });

  it('let values carry over from one command to the next', () => {
    const r = runCli(['run', 'let W = 227', 'conv Wx227x3 F=11 S=4 K=96', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const [w, conv] = jsonLines(r.stdout);
    expect(w).toEqual({ command: 'let', ok: true, name: 'W', value: 227 });
    expect(conv).toMatchObject({ input: { width: 227, height: 227, depth: 3 }, output: { width: 55, height: 55, depth: 96 }, params: 34_944 });
    // And numbers made by let feed conv on values, then grad.
    const values = jsonLines(runCli(['run', '--json', 'let x = rand 6x6x1 seed=7', 'conv x F=3 K=2', 'grad']).stdout);
    expect(values.map((v) => [v.command, v.ok])).toEqual([
      ['let', true],
      ['conv', true],
      ['grad', true],
    ]);
    expect(values[1].input).toEqual(values[0].value);
  });

  it('plain text: each command echoed above its result; an unknown command gets "did you mean" and exit 1', () => {
    const r = runCli(['run', 'conv 32x32x3 F=5 S=1 P=2', 'comv 32x32x3 F=5']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('› conv 32x32x3 F=5 S=1 P=2');
    expect(r.stdout).toMatch(/conv\s+32×32×3 → 32×32×1/);
    expect(r.stdout).toContain('Unknown command "comv". Did you mean "conv"?');
    // The caret points at the word.
    expect(r.stdout).toMatch(/ {2}comv 32x32x3 F=5\n {2}\^{4}/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('nnlearn repl with piped input', () => {
  it('echo "conv 32x32x3 F=5 S=1 P=2" | nnlearn repl prints the result and exits at the end of input', () => {
    const r = runCli(['repl'], { input: 'conv 32x32x3 F=5 S=1 P=2\n' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/conv\s+32×32×3 → 32×32×1/);
    expect(r.stdout).toContain('(32 − 5 + 2·2)/1 + 1 = 31/1 + 1 = 32');
    expect(r.stdout + r.stderr).not.toMatch(/Raw mode/i);
    expect(r.stderr).toBe('');
  });

  it('several lines share one session; let carries over; no trailing newline needed', () => {
    const r = runCli(['repl'], { input: 'let W = 227\nconv Wx227x3 F=11 S=4 K=96\npool 55x55x96 F=3 S=2' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/55×55×96/);
    expect(r.stdout).toMatch(/27×27×96/);
  });

  it('nnlearn repl --json prints one JSON line per command (blank lines and comments are not commands)', () => {
    const r = runCli(['repl', '--json'], { input: 'conv 32x32x3 F=5 S=1 P=2\n\n# a comment\n   \npool 32x32x16 F=2 S=2\ncomv 1\n' });
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => [l.command, l.ok])).toEqual([
      ['conv', true],
      ['pool', true],
      ['parse', false],
    ]);
    expect(lines[0]).toMatchObject({ output: { width: 32, height: 32, depth: 1 }, params: 76 });
    expect(lines[2].error).toMatch(/Did you mean "conv"/);
    expect(r.stdout + r.stderr).not.toMatch(/Raw mode/i);
  });

  it('exit stops reading', () => {
    const r = runCli(['repl', '--json'], { input: 'relu -3\nexit\nrelu 5\n' });
    expect(r.status).toBe(0);
    expect(jsonLines(r.stdout).map((l) => l.command)).toEqual(['relu']);
  });
});

describe('languages', () => {
  it('--lang zh gives Chinese output, in run and in the piped REPL', () => {
    const run = runCli(['--lang', 'zh', 'run', 'conv 32x32x3 F=5 S=1 P=2 K=16']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('卷积');
    expect(run.stdout).toContain('输出的宽和高');
    expect(run.stdout).not.toContain('Output width and height');
    const piped = runCli(['--lang', 'zh', 'repl'], { input: 'pool 32x32x16 F=2 S=2\n' });
    expect(piped.stdout).toContain('最大池化');
  });

  it('LANG=zh_CN.UTF-8 gives Chinese; errors too, in JSON', () => {
    const r = runCli(['run', 'conv 32x32x3 F=5 S=1 P=2'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('卷积');
    const e = jsonLines(runCli(['run', '--json', 'comv 32x32x3 F=5'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout)[0];
    expect(e).toMatchObject({ ok: false });
    expect(e.error).toMatch(CJK);
    expect(e.error).toContain('“conv”');
    // And English stays English.
    expect(runCli(['run', 'conv 32x32x3 F=5 S=1 P=2'], { env: { LANG: 'en_US.UTF-8' } }).stdout).not.toMatch(CJK);
  });
});

describe('history', () => {
  it('lives in NNLEARN_HOME, is appended one line per entry, and reads back across sessions', () => {
    const home = mkdtempSync(join(tmpdir(), 'nnlearn-history-'));
    const path = historyPath({ NNLEARN_HOME: home });
    expect(path.startsWith(home)).toBe(true);
    expect(loadHistory(path)).toEqual([]);
    appendHistory('conv 32x32x3 F=5 S=1 P=2', path);
    appendHistory('  pool 32x32x16 F=2 S=2  ', path);
    appendHistory('', path);
    appendHistory('let x = [1,\n2]', path);
    appendHistory('x'.repeat(2001), path);
    // A second "session" reads what the first wrote.
    expect(loadHistory(path)).toEqual(['conv 32x32x3 F=5 S=1 P=2', 'pool 32x32x16 F=2 S=2', 'let x = [1, 2]']);
    expect(readFileSync(path, 'utf8')).toBe('conv 32x32x3 F=5 S=1 P=2\npool 32x32x16 F=2 S=2\nlet x = [1, 2]\n');
  });

  it('keeps the last entries, and tolerates a damaged file', () => {
    const home = mkdtempSync(join(tmpdir(), 'nnlearn-history-'));
    const path = historyPath({ NNLEARN_HOME: home });
    writeFileSync(path, ['\u0000\u0001garbage', '', 'y'.repeat(5000), ...Array.from({ length: HISTORY_LIMIT + 5 }, (_, i) => `relu ${i}`)].join('\n'));
    const h = loadHistory(path);
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[h.length - 1]).toBe(`relu ${HISTORY_LIMIT + 4}`);
    expect(loadHistory(join(home, 'missing', 'file.txt'))).toEqual([]);
  });

  it('a data directory that cannot be written does not stop the REPL', () => {
    const home = mkdtempSync(join(tmpdir(), 'nnlearn-history-'));
    const blocker = join(home, 'not-a-dir');
    writeFileSync(blocker, '');
    expect(() => appendHistory('relu 1', join(blocker, 'repl-history.txt'))).not.toThrow();
    const r = runCli(['repl'], { input: 'relu -3\n', env: { NNLEARN_HOME: blocker } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ReLU');
  });
});
