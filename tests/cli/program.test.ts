import { describe, expect, it } from 'vitest';
import { inputsOf, runCli } from '../helpers/cli.js';
import { langFromEnv, parseLang } from '../../src/cli/lang.js';

const HEAVY = /node_modules\/(ink|react|react-reconciler|mathjs|yoga-layout)\//;

describe('nnlearn command line', () => {
  it('--help lists the program and the --lang option', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: nnlearn');
    expect(r.stdout).toContain('--lang <lang>');
  });

  it('--version prints the package version', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('an unknown command exits 1 with a hint', () => {
    const r = runCli(['lessonz']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error:/);
  });

  it('a bad --lang is explained', () => {
    const r = runCli(['--lang', 'fr', '--help']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('use en or zh');
  });

  it.each([['--help'], ['--version']])('%s loads neither Ink, React nor mathjs', (flag) => {
    const r = runCli([flag], { trace: true });
    expect(r.status).toBe(0);
    expect(r.loaded.some((u) => u.includes('/dist/cli.js'))).toBe(true);
    expect(inputsOf(r.loaded).filter((p) => HEAVY.test(p))).toEqual([]);
  });
});

describe('language selection', () => {
  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }, 'zh'],
    [{ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }, 'en'],
    [{}, 'en'],
  ])('%j → %s', (env, lang) => {
    expect(langFromEnv(env)).toBe(lang);
  });
  it('parses en/zh and rejects others', () => {
    expect(parseLang('ZH')).toBe('zh');
    expect(() => parseLang('fr')).toThrow(/en or zh/);
  });
});
