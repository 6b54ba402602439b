/**
 * Issue #10: a 100 MB line piped into `nnlearn repl` aborted Node (out of memory,
 * exit 134): readline held the line, and the rejected line was echoed and wrapped
 * in full. Lines are now read with a cap, reported by length with a short excerpt;
 * a BOM at the start of the input or of a line is not part of the command.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCERPT_LENGTH, MAX_READ_LINE, readLines, type ReadLine } from '../../src/repl/line-reader.js';
import { createSession, lineWindow } from '../../src/repl/session.js';
import { ROOT } from '../helpers/cli.js';

async function collect(chunks: (string | Buffer)[], max = MAX_READ_LINE): Promise<ReadLine[]> {
  const out: ReadLine[] = [];
  for await (const l of readLines(Readable.from(chunks, { objectMode: true }), max)) out.push(l);
  return out;
}

describe('readLines: a streaming line splitter with a length cap', () => {
  it('splits like split("\\n") for short lines, whatever the chunking (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 30 }), { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), async (lines, cuts) => {
        const text = lines.map((l) => l.replace(/[\n\r\ufeff]/g, '')).join('\n');
        const chunks: string[] = [];
        for (let i = 0, k = 0; i < text.length; k++) {
          const n = cuts[k % cuts.length];
          chunks.push(text.slice(i, i + n));
          i += n;
        }
        const got = await collect(chunks, 100);
        const want = text === '' ? [] : text.split('\n');
        // A final empty line (text ending in \n) is not a line, as with readline.
        if (want.length && want[want.length - 1] === '' && text.endsWith('\n')) want.pop();
        expect(got.map((l) => (l.kind === 'line' ? l.text : '<too long>'))).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('a line past the cap is reported by number and length with a short excerpt, and the next line is read', async () => {
    const big = 'conv '.repeat(5000); // 25,000 characters
    const got = await collect(['help\r\n', big.slice(0, 7000), big.slice(7000), '\r\npool 4x4x1 F=2\n'], 10_000);
    expect(got[0]).toEqual({ kind: 'line', number: 1, text: 'help' });
    expect(got[1]).toMatchObject({ kind: 'too-long', number: 2, length: 25_000 });
    const ex = (got[1] as { excerpt: string }).excerpt;
    expect(ex.length).toBeLessThanOrEqual(EXCERPT_LENGTH + 1);
    expect(ex.startsWith('conv conv')).toBe(true);
    expect(got[2]).toEqual({ kind: 'line', number: 3, text: 'pool 4x4x1 F=2' });
  });

  it('a line of exactly the cap is read, one more is not; CRLF does not count', async () => {
    const got = await collect(['a'.repeat(10) + '\r\n' + 'b'.repeat(11) + '\n'], 10);
    expect(got.map((l) => l.kind)).toEqual(['line', 'too-long']);
  });

  it('a BOM at the start of the input and of a line is dropped; a UTF-8 character split across chunks survives', async () => {
    const bytes = Buffer.from('\ufeffconv 32×32×3 F=5\n\ufeffpool 4x4x1 F=2\n', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of ×
    const got = await collect([bytes.subarray(0, 2), bytes.subarray(2, cut), bytes.subarray(cut)]);
    expect(got.map((l) => (l.kind === 'line' ? l.text : ''))).toEqual(['conv 32×32×3 F=5', 'pool 4x4x1 F=2']);
  });
});

describe('errors quote a window of a long line, never the whole of it', () => {
  it('lineWindow keeps the caret on the same character', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 3000 }), fc.nat(), (s, c) => {
        const column = c % s.length;
        const w = lineWindow(s, column);
        expect(w.line.length).toBeLessThanOrEqual(122);
        expect(w.line[w.column]).toBe(s[column]);
      }),
    );
  });

  it('a 9,000-character line (read, then refused by the parser) gives an error of a few lines', async () => {
    const s = createSession({ lang: 'en' });
    const r = await s.exec('conv 32x32x3 F=5 ' + 'K=16 '.repeat(1800));
    s.close();
    expect(r.ok).toBe(false);
    const block = r.blocks()[0] as { line?: string };
    expect(block.line?.length ?? 0).toBeLessThanOrEqual(122);
  });

  it('a BOM at the start of a line, or a zero-width space inside it, does not break parsing', async () => {
    const s = createSession({ lang: 'en' });
    for (const line of ['\ufeffconv 32x32x3 F=5', 'conv\u200b 32x32x3 F=5', 'conv 32x32x3\ufeff F=5']) {
      const r = await s.exec(line);
      expect(r.ok, line).toBe(true);
      expect(r.json()).toMatchObject({ command: 'conv', output: { width: 28 } });
    }
    s.close();
  });
});

const BIN = join(ROOT, 'bin', 'nnlearn.js');
const env = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'en_US.UTF-8', NNLEARN_HOME: mkdtempSync(join(tmpdir(), 'nnlearn-lines-')) });

describe('the built CLI', () => {
  it('a 100 MB line piped into nnlearn repl is skipped with a short message, in a 48 MB heap (it used to abort: exit 134)', async () => {
    // A heap far smaller than the line: holding, echoing or wrapping it would abort Node.
    const child = spawn(process.execPath, ['--max-old-space-size=48', BIN, 'repl'], { env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    const MB = 1024 * 1024;
    async function* input() {
      yield 'conv 32x32x3 F=5\n';
      const block = 'x'.repeat(MB);
      for (let i = 0; i < 100; i++) yield block;
      yield '\npool 32x32x16 F=2\n';
    }
    Readable.from(input()).pipe(child.stdin);
    const code = await exited;
    expect(err).toBe('');
    expect(code).toBe(1); // one line failed
    expect(out).toContain('Line 2 is 104,857,600 characters long; the longest line nnlearn reads is 10,000');
    expect(out).toMatch(/max pooling\s+32×32×16 → 16×16×16/);
    expect(out.length).toBeLessThan(10_000);
  }, 120_000);

  it('nnlearn run with a huge argument reports it by length, and a BOM-led argument runs', () => {
    const r = spawnSync(process.execPath, [BIN, 'run', 'conv 32x32x3 F=5 ' + 'K=1 '.repeat(30_000), '\ufeffpool 4x4x1 F=2'], { env: env(), encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Command 1 is 120,017 characters long');
    expect(r.stdout).toMatch(/max pooling\s+4×4×1 → 2×2×1/);
    expect(r.stdout.length).toBeLessThan(10_000);
  });
});
