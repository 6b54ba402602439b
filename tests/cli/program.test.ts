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

describe('issue #12: help, language, no command, did you mean, --minutes, --from', () => {
  it('--help prints the --lang default once', () => {
    const r = runCli(['--help']);
    expect(r.stdout.replace(/\s+/g, ' ').match(/default/g)).toHaveLength(1);
    expect(r.stdout).not.toContain('(default: from LC_ALL/LANG) (default');
  });

  it.each([[['--lang', 'zh', '--help']], [['--lang=zh', '--help']], [['--help']]])('%j is written in Chinese when asked (--lang zh or a zh locale)', (args) => {
    const r = runCli(args, { env: args.length === 1 ? { LANG: 'zh_CN.UTF-8' } : {} });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('用法：');
    expect(r.stdout).toContain('课程和消息的语言');
    expect(r.stdout).toContain('学习笔记的一节');
    expect(r.stdout).not.toContain('language of lessons and messages');
  });

  it('a subcommand’s help follows --lang zh too', () => {
    const r = runCli(['--lang', 'zh', 'quiz', '--help']);
    expect(r.stdout).toContain('限时考试');
    expect(r.stdout).not.toContain('a timed exam');
  });

  it('--lang en --help stays English under a zh locale', () => {
    const r = runCli(['--lang', 'en', '--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.stdout).toContain('language of lessons and messages');
  });

  it('no command without a terminal prints the help (and exits 0)', () => {
    const r = runCli([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: nnlearn [options] [command]');
    expect(r.stdout).toContain('lesson [options] [id]');
  });

  it('a mistyped command still says which one was meant', () => {
    const r = runCli(['lessonz']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("unknown command 'lessonz'");
    expect(r.stderr).toContain('Did you mean lesson?');
  });

  it('quiz cnnn: "did you mean", as lesson has', () => {
    const r = runCli(['quiz', 'cnnn']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Did you mean cnn\b/);
    const zh = runCli(['--lang', 'zh', 'quiz', 'cnn/poolin']);
    expect(zh.stderr).toContain('你是不是想输入 cnn/pooling');
  });

  it('--minutes without --exam is refused, saying to add --exam', () => {
    const r = runCli(['quiz', '--minutes', '5']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('add --exam');
    const zh = runCli(['--lang', 'zh', 'quiz', '--minutes', '5']);
    expect(zh.stderr).toContain('请加上 --exam');
  });

  it('--from FILE with a lesson id is refused, not the id silently ignored', () => {
    const r = runCli(['lesson', '--from', 'notes.md', 'cnn/pooling']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the lesson id "cnn/pooling" cannot go with it');
  });
});
