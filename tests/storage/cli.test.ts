/**
 * Through the built CLI: a quiz.json that is a planted symlink or a FIFO gives
 * a clear message (both languages) and returns; a damaged lessons.json is
 * reported in plain mode too; a lock left by a killed nnlearn is taken at once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockScope } from '../../src/storage/lock.js';
import { runCli } from '../helpers/cli.js';
import { newDir } from './helpers.js';

const quiz = (home: string, args: string[], input = '') => runCli(['quiz', ...args], { env: { NNLEARN_HOME: home }, input });

describe('nnlearn quiz with a quiz.json that is not a regular file', () => {
  it('a symlinked quiz.json: exit 1 with a message naming it, in English and Chinese; the outside file unchanged', () => {
    const home = newDir('nnlearn-cli-link-');
    const outside = join(newDir('nnlearn-outside-'), 'important.txt');
    writeFileSync(outside, 'keep me\n');
    symlinkSync(outside, join(home, 'quiz.json'));
    const r = quiz(home, ['--plain', '--count', '1'], '?\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(home, 'quiz.json')} is a symbolic link, not a regular file`);
    expect(r.stderr).not.toMatch(/internal error/);
    const zh = quiz(home, ['--plain', '--count', '1', '--lang', 'zh'], '?\n');
    expect(zh.stderr).toContain('是符号链接，不是普通文件');
    expect(readFileSync(outside, 'utf8')).toBe('keep me\n');
  });

  it('a FIFO as quiz.json: quiz and quiz --stats return (no hang) with a message; --json carries the error', () => {
    const home = newDir('nnlearn-cli-fifo-');
    execFileSync('mkfifo', [join(home, 'quiz.json')]);
    for (const args of [['--plain', '--count', '1'], ['--stats']]) {
      const r = quiz(home, args, '?\n');
      expect(r.status).toBe(1); // spawnSync's timeout would give null
      expect(r.stderr).toContain('is a named pipe (FIFO), not a regular file');
    }
    const j = quiz(home, ['--stats', '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ error: { kind: 'not-a-file', path: join(home, 'quiz.json') } });
  });

  it('a symlink planted at quiz.json.bak: the answer is said to be unsaved (--json: saved false with the reason), the outside file unchanged', () => {
    const home = newDir('nnlearn-cli-bak-');
    expect(quiz(home, ['--plain', '--count', '1', '--seed', '1'], '?\n').status).toBe(0);
    const outside = join(newDir('nnlearn-outside-'), 'important.txt');
    writeFileSync(outside, 'keep me\n');
    symlinkSync(outside, join(home, 'quiz.json.bak'));
    const r = quiz(home, ['--plain', '--count', '1', '--seed', '2', '--json'], '?\n');
    expect(r.status).toBe(0);
    const answer = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)[0];
    expect(answer).toMatchObject({ saved: false, save_error: { kind: 'not-a-file' } });
    expect(String((answer.save_error as { message: string }).message)).toMatch(/this answer was not saved; your earlier 1 answer is safe/);
    expect(readFileSync(outside, 'utf8')).toBe('keep me\n');
  });
});

describe('nnlearn lesson with a damaged lessons.json', () => {
  it('plain mode says it was moved aside (stderr), in both languages', () => {
    for (const [lang, text] of [
      ['en', 'your lesson progress file could not be read'],
      ['zh', '无法读取课程进度文件'],
    ]) {
      const home = newDir('nnlearn-cli-lessons-');
      writeFileSync(join(home, 'lessons.json'), '{"version": 1, "less');
      const r = runCli(['lesson', '--plain', '--lang', lang], { env: { NNLEARN_HOME: home } });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain(text);
      expect(readdirSync(home).some((f) => f.startsWith('lessons.json.corrupt-'))).toBe(true);
    }
  });
});

describe('a lock left by an nnlearn killed with -9', () => {
  it('is taken over at once by the next save (its pid is gone), without waiting', () => {
    const home = newDir('nnlearn-cli-lock-');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    mkdirSync(join(home, 'quiz.json.lock'));
    writeFileSync(join(home, 'quiz.json.lock', 'owner.json'), JSON.stringify({ pid: Number(dead), host: hostname(), scope: lockScope(), started: new Date().toISOString(), token: 't' }));
    const r = quiz(home, ['--plain', '--count', '1', '--seed', '1'], '?\n');
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/Waiting/);
    expect((JSON.parse(readFileSync(join(home, 'quiz.json'), 'utf8')) as { log: unknown[] }).log).toHaveLength(1);
  });
});

describe('start-up repairs racing a session (real processes)', () => {
  it('three quiz --stats repairing a damaged quiz.json while a session answers: every answer kept, the damage kept once', async () => {
    const { spawn } = await import('node:child_process');
    const { quizStore } = await import('../../src/quiz/state.js');
    const { applyAnswer, Rating } = await import('../../src/quiz/scheduler.js');
    const { ITEMS } = await import('../../src/quiz/items.js');
    const home = newDir('nnlearn-cli-race-');
    const store = quizStore({ NNLEARN_HOME: home });
    const at = new Date('2025-01-01T00:00:00Z');
    for (let i = 0; i < 2; i++)
      await store.update((s) => {
        let t = s;
        for (let k = 0; k < 75; k++) t = applyAnswer(t, { id: ITEMS[k].id, topic: ITEMS[k].topic, correct: true, rating: Rating.Good, seconds: 1, mode: 'study', at });
        return t;
      });
    writeFileSync(join(home, 'quiz.json'), '{"version": 2, "cards": {'); // damaged; quiz.json.bak holds 75 answers
    const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nnlearn.js');
    const run = (args: string[], input: string) =>
      new Promise<number | null>((resolve) => {
        const c = spawn(process.execPath, [BIN, 'quiz', ...args], { env: { ...process.env, NNLEARN_HOME: home, LANG: 'en_US.UTF-8' } });
        c.stdin.end(input);
        c.stdout.resume();
        c.stderr.resume();
        c.on('close', resolve);
      });
    const codes = await Promise.all([run(['--plain', '--count', '3', '--seed', '5'], '?\n?\n?\n'), run(['--stats', '--json'], ''), run(['--stats', '--json'], ''), run(['--stats', '--json'], '')]);
    expect(codes).toEqual([0, 0, 0, 0]);
    const final = JSON.parse(readFileSync(join(home, 'quiz.json'), 'utf8')) as { log: unknown[] };
    expect(final.log).toHaveLength(78);
    expect(readdirSync(home).filter((f) => f.startsWith('quiz.json.corrupt-'))).toHaveLength(1);
  });
});
