import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { REQUIRED_IDS } from '../../src/lessons/catalog.js';
import { loadProgress, progressStore, saveStep } from '../../src/lessons/progress.js';
import { runCli } from '../helpers/cli.js';

describe('nnlearn lesson', () => {
  it('--list prints every id with its title, one per line', () => {
    const r = runCli(['lesson', '--list']);
    expect(r.status).toBe(0);
    const ids = r.stdout.trim().split('\n').map((l) => l.split('\t')[0]);
    for (const id of REQUIRED_IDS) expect(ids).toContain(id);
  });

  it('--list --json in Chinese', () => {
    const r = runCli(['--lang', 'zh', 'lesson', '--list', '--json']);
    const list = JSON.parse(r.stdout) as { id: string; title: string; steps: number }[];
    expect(list.find((l) => l.id === 'cnn/pooling')?.title).toMatch(/[\u4e00-\u9fff]/);
    expect(list.every((l) => l.steps > 0)).toBe(true);
  });

  it('an unknown id lists close matches and exits 1', () => {
    const r = runCli(['lesson', 'cnn/poling']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no lesson "cnn\/poling"/);
    expect(r.stderr).toContain('cnn/pooling');
  });

  it('a topic alone opens its first lesson: lesson cnn --plain → cnn/why-cnn', () => {
    const r = runCli(['lesson', 'cnn', '--plain']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^cnn\/why-cnn/);
  });

  it('lesson cnn/pooling --plain prints every step with numbers from the engine, within 80 columns', () => {
    const r = runCli(['lesson', 'cnn/pooling', '--plain'], { env: { COLUMNS: '80' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[1\/\d+\]/);
    expect(r.stdout).toMatch(/F=3.*S=2|F = 3.*S = 2/);
    expect(r.stdout).toMatch(/overlapping/i);
    for (const line of r.stdout.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
  });

  it('piped (no TTY) output is plain text without escape codes', () => {
    const r = runCli(['lesson', 'rnn/gradients']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toMatch(/clip/i);
  });

  it('--lang zh prints the lesson in Chinese', () => {
    const r = runCli(['--lang', 'zh', 'lesson', 'transformer/multi-head', '--plain']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/拼接/);
  });

  it('the menu without a TTY lists topics with completion marks and "continue"', async () => {
    const home = mkdtempSync(join(tmpdir(), 'nnlearn-progress-'));
    const store = progressStore({ NNLEARN_HOME: home });
    await saveStep('cnn/pooling', 2, 11, store);
    await saveStep('dnn', 11, 12, store);
    const r = runCli(['lesson'], { env: { NNLEARN_HOME: home } });
    expect(r.stdout).toMatch(/✓ dnn/);
    expect(r.stdout).toMatch(/… cnn\/pooling/);
    expect(r.stdout).toContain('✓ finished · … started, not finished');
    // dnn was open last but is finished: the next unfinished lesson is offered, not dnn again.
    expect(r.stdout).toMatch(/Next: nnlearn lesson cnn\/why-cnn/);
    expect(r.stdout).not.toMatch(/nnlearn lesson dnn/);
  });

  it('the menu without a TTY offers to continue a lesson left unfinished', async () => {
    const home = mkdtempSync(join(tmpdir(), 'nnlearn-progress-'));
    const store = progressStore({ NNLEARN_HOME: home });
    await saveStep('cnn/pooling', 2, 11, store);
    const r = runCli(['lesson'], { env: { NNLEARN_HOME: home } });
    expect(r.stdout).toMatch(/Continue where you left off: nnlearn lesson cnn\/pooling/);
  });
});

describe('lesson progress', () => {
  it('is keyed by lesson id and survives reloads; completion sticks', async () => {
    const home = mkdtempSync(join(tmpdir(), 'nnlearn-progress-'));
    const store = progressStore({ NNLEARN_HOME: home });
    await saveStep('cnn/pooling', 4, 10, store);
    await saveStep('cnn/pooling', 9, 10, store);
    await saveStep('cnn/pooling', 1, 10, store);
    const { progress } = await loadProgress(store);
    expect(progress.lessons['cnn/pooling']).toMatchObject({ step: 1, completed: true });
    expect(progress.last).toBe('cnn/pooling');
  });
});
