/**
 * Saved quiz state is never lost: each answer is on disk before the next
 * question (a SIGKILL keeps them), a damaged quiz.json is reported, kept byte
 * for byte and replaced by the last good backup, two nnlearn processes at
 * once merge their answers, and a lock left by a killed process is taken over.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ITEMS } from '../../src/quiz/items.js';
import { QuizSession } from '../../src/quiz/session.js';
import { emptyQuizState, quizSchema, quizStore, type QuizState } from '../../src/quiz/state.js';
import { withLock } from '../../src/storage/lock.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { startCliProcess } from '../helpers/cli.js';

const BIN = join(ROOT, 'bin', 'nnlearn.js');
const newHome = () => mkdtempSync(join(tmpdir(), 'nnlearn-quiz-robust-'));
const quizFile = (home: string) => join(home, 'quiz.json');
const saved = (home: string): QuizState => quizSchema.parse(JSON.parse(readFileSync(quizFile(home), 'utf8')));
const corruptFiles = (home: string) => readdirSync(home).filter((f) => f.startsWith('quiz.json.corrupt-'));
const studyQueue = (count: number) =>
  new QuizSession({ mode: 'study', items: [...ITEMS], count, seed: 1, lang: 'en', store: quizStore({ NNLEARN_HOME: newHome() }) }, emptyQuizState()).queue.map((it) => it.id);

const startCli = (args: string[], home: string) => startCliProcess(args, home);

const feedbacks = (out: string) => out.split('Next review in ').length - 1;

describe('killing nnlearn mid-session', () => {
  it('SIGKILL after the third answer leaves exactly those three recorded, with valid cards', async () => {
    const home = newHome();
    const cli = startCli(['quiz', '--plain', '--seed', '1', '--count', '6'], home);
    for (let k = 1; k <= 3; k++) {
      await cli.waitFor((o) => o.includes(`[${k}/6]`));
      cli.send('?');
      await cli.waitFor((o) => feedbacks(o) === k);
    }
    await cli.waitFor((o) => o.includes('[4/6]'));
    cli.child.kill('SIGKILL');
    const { signal } = await cli.exited;
    expect(signal).toBe('SIGKILL');
    expect(cli.out()).not.toContain('Done:');
    const raw = JSON.parse(readFileSync(quizFile(home), 'utf8')) as unknown;
    const parsed = quizSchema.safeParse(raw);
    expect(parsed.success).toBe(true);
    const state = saved(home);
    const first3 = studyQueue(6).slice(0, 3);
    expect(state.log).toHaveLength(3);
    expect(state.log.map((e) => [e.id, e.correct, e.rating])).toEqual(first3.map((id) => [id, null, 1]));
    expect(Object.keys(state.cards).sort()).toEqual([...first3].sort());
    expect(existsSync(quizFile(home) + '.lock')).toBe(false);

    // The next session picks up where it stopped: the three come back when due, the rest are new.
    const r = runCli(['quiz', '--stats', '--json'], { env: { NNLEARN_HOME: home } });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { reviews: number }).reviews).toBe(3);
  });
});

describe('a damaged quiz.json', () => {
  // A real history made by the CLI: quiz.json with 3 answers, quiz.json.bak (the last good version before it) with 2.
  const seedHome = newHome();
  let made: ReturnType<typeof runCli>;
  beforeAll(() => {
    made = runCli(['quiz', '--plain', '--seed', '1', '--count', '3'], { env: { NNLEARN_HOME: seedHome }, input: '?\n?\n?\n' });
  });
  const withHistory = () => {
    const home = newHome();
    copyFileSync(quizFile(seedHome), quizFile(home));
    copyFileSync(quizFile(seedHome) + '.bak', quizFile(home) + '.bak');
    return home;
  };

  it('(the history the cases start from)', () => {
    expect(made.status).toBe(0);
    expect(saved(seedHome).log).toHaveLength(3);
    expect(quizSchema.parse(JSON.parse(readFileSync(quizFile(seedHome) + '.bak', 'utf8'))).log).toHaveLength(2);
  });

  const good = () => readFileSync(quizFile(seedHome), 'utf8');
  const cases: [string, () => Buffer, RegExp][] = [
    ['binary garbage', () => Buffer.from([0x00, 0xff, 0x13, 0x37, 0x80, 0x7b, 0x0a, 0xde, 0xad, 0xbe, 0xef]), /not valid JSON/],
    ['truncated JSON', () => Buffer.from(good().slice(0, Math.floor(good().length / 2))), /not valid JSON/],
    ['the wrong shape', () => Buffer.from(JSON.stringify({ version: 1, cards: {}, log: [{ id: 'x', topic: 'cnn', at: 'yesterday', rating: 9 }] })), /expected shape \(log\.0\./],
    ['another version', () => Buffer.from(JSON.stringify({ ...JSON.parse(good()), version: 99 })), /expected shape \(version/],
    ['an empty file', () => Buffer.alloc(0), /not valid JSON/],
  ];

  for (const [name, bytes, reason] of cases) {
    it(`${name}: reported on stderr, kept byte for byte, and the last good backup used`, () => {
      const home = withHistory();
      const bad = bytes();
      writeFileSync(quizFile(home), bad);
      const r = runCli(['quiz', '--stats', '--json'], { env: { NNLEARN_HOME: home } });
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/Your quiz file could not be read/);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).toContain('the last good backup is used');
      const moved = corruptFiles(home);
      expect(moved).toHaveLength(1);
      expect(r.stderr).toContain(join(home, moved[0]));
      expect(readFileSync(join(home, moved[0])).equals(bad)).toBe(true);
      expect((JSON.parse(r.stdout) as { reviews: number }).reviews).toBe(2);
      // quiz.json is the backup again, and the next run is silent.
      expect(saved(home).log).toHaveLength(2);
      const again = runCli(['quiz', '--stats', '--json'], { env: { NNLEARN_HOME: home } });
      expect(again.stderr).toBe('');
      expect((JSON.parse(again.stdout) as { reviews: number }).reviews).toBe(2);
    });
  }

  it('a session on a damaged file continues from the backup; a second damage is kept beside the first', () => {
    const home = withHistory();
    writeFileSync(quizFile(home), 'first damage');
    const r = runCli(['quiz', '--plain', '--seed', '1', '--count', '1'], { env: { NNLEARN_HOME: home }, input: '?\n' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/could not be read/);
    expect(saved(home).log).toHaveLength(3); // two from the backup and this one
    writeFileSync(quizFile(home), 'second damage');
    const r2 = runCli(['quiz', '--plain', '--seed', '1', '--count', '1'], { env: { NNLEARN_HOME: home }, input: '?\n' });
    expect(r2.stderr).toMatch(/could not be read/);
    const moved = corruptFiles(home).map((f) => readFileSync(join(home, f), 'utf8')).sort();
    expect(moved).toEqual(['first damage', 'second damage']);
    expect(quizSchema.safeParse(JSON.parse(readFileSync(quizFile(home), 'utf8'))).success).toBe(true);
  });

  it('with no backup, the damaged file is kept and the student starts from an empty record', () => {
    const home = newHome();
    writeFileSync(quizFile(home), '{"version":1,"cards":{},"log":[');
    const r = runCli(['quiz', '--stats', '--json'], { env: { NNLEARN_HOME: home } });
    expect(r.stderr).toContain('starting from an empty record');
    expect((JSON.parse(r.stdout) as { reviews: number }).reviews).toBe(0);
    expect(corruptFiles(home).map((f) => readFileSync(join(home, f), 'utf8'))).toEqual(['{"version":1,"cards":{},"log":[']);
  });
});

describe('two nnlearn processes at once', () => {
  it('both sessions answering N questions against the same NNLEARN_HOME leave all 2N answers', async () => {
    const N = 25;
    const home = newHome();
    const start = (seed: number) => startCli(['quiz', '--plain', '--seed', String(seed), '--count', String(N)], home);
    const a = start(1);
    const b = start(2);
    // Both have read the (empty) state and asked their first question: now all answers arrive at once in both.
    await Promise.all([a, b].map((cli) => cli.waitFor((o) => o.includes(`[1/${N}]`))));
    const answers = Array.from({ length: N }, () => '?').join('\n') + '\n';
    a.child.stdin.end(answers);
    b.child.stdin.end(answers);
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    // A save that waits long for the other (a loaded machine) says so; nothing else may be on stderr.
    const errs = [a, b].map((cli) => cli.err().replace(/^Waiting for another nnlearn \(pid \d+ on .*\) that is saving…\n/gm, ''));
    expect([ra.code, rb.code, ...errs]).toEqual([0, 0, '', '']);
    for (const cli of [a, b]) expect(cli.out()).toContain(`Done: 0 of ${N} right.`);
    const state = saved(home);
    expect(state.log).toHaveLength(2 * N);
    // Both sessions asked the same N new cards: each was answered twice, and its card counts both reviews.
    const queue = studyQueue(N);
    const counts = new Map<string, number>();
    for (const e of state.log) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...queue].sort());
    for (const id of queue) {
      expect(counts.get(id), id).toBe(2);
      expect(state.cards[id].reps, id).toBe(2);
    }
    expect(existsSync(quizFile(home) + '.lock')).toBe(false);
  });
});

describe('the lock', () => {
  it('a lock left by a process killed a moment ago is taken over once stale, not reported as busy', async () => {
    const file = quizFile(newHome());
    mkdirSync(file + '.lock'); // as if an nnlearn died between mkdir and recording itself: no owner to ask
    // The waiter's own monotonic clock, advanced only by its sleeps (staleness never reads a wall clock).
    let t = 0;
    const value = await withLock(file, async () => 'ran', { monotonic: () => t, sleep: async (ms) => void (t += ms) });
    expect(value).toBe('ran');
    expect(t).toBeGreaterThanOrEqual(10_000); // it did watch the lock stay unchanged until stale
    expect(existsSync(file + '.lock')).toBe(false);
  });
});
