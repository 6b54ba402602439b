import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allSpecs } from '../../src/repl/commands/index.js';
import { parseLine } from '../../src/repl/parser.js';

const specs = allSpecs();
const parse = (line: string, vars: string[] = []) => parseLine(line, specs, new Set(vars));

describe('parseLine', () => {
  it('conv 32x32x3 F=5 S=1 P=2 K=16 → conv with four options', () => {
    const r = parse('conv 32x32x3 F=5 S=1 P=2 K=16');
    expect(r.kind).toBe('command');
    if (r.kind !== 'command') return;
    expect(r.name).toBe('conv');
    const input = r.args.positionals.input;
    expect(input.kind).toBe('volume');
    expect(Object.fromEntries(Object.entries(r.args.options).map(([k, v]) => [k, v.term]))).toEqual({
      F: { num: 5, text: '5' },
      S: { num: 1, text: '1' },
      P: { num: 2, text: '2' },
      K: { num: 16, text: '16' },
    });
  });

  it('keywords are case-insensitive and long forms work: CONV 32×32×3 kernel=5 stride=1 pad=2 filters=16', () => {
    const r = parse('CONV 32×32×3 kernel=5 stride=1 pad=2 filters=16');
    expect(r.kind).toBe('command');
    if (r.kind === 'command') expect(Object.keys(r.args.options).sort()).toEqual(['F', 'K', 'P', 'S']);
  });

  it('a volume may name variables: conv Wx227x3 F=11 S=4', () => {
    const r = parse('conv Wx227x3 F=11 S=4', ['W']);
    expect(r.kind).toBe('command');
    if (r.kind === 'command' && r.args.positionals.input.kind === 'volume') {
      expect(r.args.positionals.input.volume.width).toEqual({ name: 'W', text: 'W' });
    }
  });

  it('pool flags: pool 32x32x16 F=2 S=2 avg ceil', () => {
    const r = parse('pool 32x32x16 F=2 S=2 avg ceil');
    expect(r.kind === 'command' && r.args.flags).toEqual(['avg', 'ceil']);
  });

  it('pool max and avg together is refused at the second one', () => {
    const r = parse('pool 32x32x16 F=2 max avg');
    expect(r.kind).toBe('error');
    if (r.kind === 'error') {
      expect(r.column).toBe(22);
      expect(r.error.en).toMatch(/Choose one of max and avg/);
    }
  });

  it('an unknown option points at it and suggests a close one', () => {
    const r = parse('conv 32x32x3 G=5');
    expect(r.kind).toBe('error');
    if (r.kind === 'error') {
      expect(r.column).toBe(13);
      expect(r.error.en).toMatch(/no option "G"/);
      expect(r.error.zh).toMatch(/没有选项/);
    }
  });

  it('a mistyped command gets "did you mean"', () => {
    const r = parse('comv 32x32x3 F=5');
    expect(r.kind).toBe('error');
    if (r.kind === 'error') {
      expect(r.error.en).toMatch(/Unknown command "comv". Did you mean "conv"/);
      expect(r.column).toBe(0);
      expect(r.length).toBe(4);
    }
  });

  it('a bad volume is explained: conv 32x32xa3 F=3', () => {
    const r = parse('conv 32-32 F=3');
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.error.en).toMatch(/not a volume/);
  });

  it('a missing value: conv 32x32x3 F=', () => {
    const r = parse('conv 32x32x3 F=');
    expect(r.kind === 'error' && r.error.en).toMatch(/F= needs a value/);
  });

  it('a missing volume: conv F=3', () => {
    const r = parse('conv');
    expect(r.kind === 'error' && r.error.en).toMatch(/conv needs an input volume/);
  });

  it.each(['(32-5+2*2)/1+1', 'sqrt(2)', 'W = 227', '[[1,2],[3,4]] * [[1],[1]]', 'x * x', 'pi'])('%s is math', (line) => {
    expect(parse(line, ['x']).kind).toBe('expr');
  });

  it('fc 4096 -> 1000 reads the arrow as a separator', () => {
    const r = parse('fc 4096 -> 1000');
    expect(r.kind).toBe('command');
  });

  it('a 10 kB line is refused with its length', () => {
    const r = parse('1+'.repeat(5000) + '1');
    expect(r.kind === 'error' && r.error.en).toMatch(/10,001 characters long/);
  });

  it('binary junk is refused, naming the character', () => {
    const r = parse('conv \u0000\u0007\u001b[31m');
    expect(r.kind === 'error' && r.error.en).toMatch(/Unreadable character U\+0000 at column 6/);
  });

  it('empty lines and comments do nothing', () => {
    expect(parse('   ').kind).toBe('empty');
    expect(parse('# a note').kind).toBe('empty');
  });

  it('property: any string parses to a command, math, empty or an error inside the line — never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (line) => {
        const r = parse(line);
        expect(['command', 'expr', 'empty', 'error']).toContain(r.kind);
        if (r.kind === 'error') {
          expect(r.column).toBeGreaterThanOrEqual(0);
          expect(r.column).toBeLessThanOrEqual(Math.max(line.length, 2000));
          expect(r.error.en.length).toBeGreaterThan(0);
          expect(r.error.zh.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: command-shaped lines never throw', () => {
    const word = fc.constantFrom('conv', 'pool', 'fc', 'relu', 'softmax', 'let', 'help', 'net', 'F=', 'S=2', 'K=', '32x32x3', '->', '|', '[1,2', ']', '=', 'max', 'avg', 'ceil', '-1', '1e9', 'x', '×', 'W');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => {
        const r = parse(words.join(' '));
        expect(r).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });
});
