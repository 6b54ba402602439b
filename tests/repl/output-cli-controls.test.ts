/**
 * The built CLI's text paths, end to end: piped `nnlearn repl`, `nnlearn run`,
 * `lesson --from` with hostile markdown notes, the plain quiz, and messages on
 * stderr. Nothing the input held reaches the terminal as a control character.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FORBIDDEN } from '../helpers/hostile.js';

const ATTACKS = ['\u001b]2;PWNED\u0007', '\u001b]52;c;aGk=\u0007', '\u001b[2J', '\u009b2J', '\u202eevil', '\r\u001b[1A'];
const plain = { NO_COLOR: '1' };

function expectClean(s: string, where: string): void {
  expect(s, where).not.toMatch(FORBIDDEN);
  expect(s, where).not.toContain('\u001b');
}

describe('the CLI prints no control character from its input', () => {
  it('piped repl: the issue\'s example and escapes typed in math', () => {
    const input = [`conv 32x32x3 F=5${ATTACKS[0]}`, ...ATTACKS.map((a) => `let x = ${a}`), '"\\u001b[2J" + 1', 'x = "\\u0007\\u009b"; x * 2', `help ${ATTACKS[1]}`].join('\n') + '\n';
    const r = runCli(['repl'], { input, env: plain });
    expectClean(r.stdout, 'stdout');
    expectClean(r.stderr, 'stderr');
    expect(r.stdout).toContain('F=5\\e]2;PWNED\\x07');
  });

  it('piped repl --json: valid JSON lines with every control escaped', () => {
    const r = runCli(['repl', '--json'], { input: ATTACKS.map((a) => `"${a}"`).join('\n') + '\n', env: plain });
    expect(r.stdout).not.toMatch(FORBIDDEN);
    for (const line of r.stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('run, with colour forced: only colour codes', () => {
    const r = runCli(['run', ...ATTACKS.map((a) => `conv 32x32x3 ${a}`)], { env: { FORCE_COLOR: '3' } });
    expect(r.stdout.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(FORBIDDEN);
  });

  it('lesson --from: notes and a file name full of controls', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlearn-notes-'));
    const file = join(dir, `notes${ATTACKS[4]}.md`);
    writeFileSync(file, `# Conv ${ATTACKS[0]}\n\nText ${ATTACKS[4]} and ${ATTACKS[3]}.\n\n- item ${ATTACKS[1]}\n\n\`\`\`\ncode ${ATTACKS[2]}\n\`\`\`\n\n> quote ${ATTACKS[5]}\n`);
    const r = runCli(['lesson', '--from', file, '--plain'], { env: plain });
    expect(r.status).toBe(0);
    expectClean(r.stdout, 'stdout');
    const missing = runCli(['lesson', '--from', join(dir, `none${ATTACKS[0]}.md`)], { env: plain });
    expectClean(missing.stderr, 'stderr');
    expect(missing.stderr).toContain('\\e]2;PWNED\\x07');
  });

  it('quiz --plain: answers full of controls, text and JSON', () => {
    const answers = ATTACKS.join('\n') + '\n';
    const text = runCli(['quiz', '--plain', '--count', '6'], { input: answers, env: plain });
    expectClean(text.stdout, 'stdout');
    const json = runCli(['quiz', '--plain', '--json', '--count', '6'], { input: answers, env: plain });
    expect(json.stdout).not.toMatch(FORBIDDEN);
  });

  it('stderr: an unknown lesson id or topic', () => {
    expectClean(runCli(['lesson', `x${ATTACKS[0]}`], { env: plain }).stderr, 'lesson');
    expectClean(runCli(['quiz', `cnn${ATTACKS[4]}`, '--plain'], { env: plain }).stderr, 'quiz');
  });
});
