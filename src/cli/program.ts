/**
 * The commander program. Each subcommand lives in src/cli/commands/ and is
 * registered here, in one place. Subcommands import their heavy modules
 * (Ink, React, mathjs) lazily inside their action so --help stays instant.
 */
import { Command, Help, InvalidArgumentError, Option } from 'commander';
import stringWidth from 'string-width';
import { msg, tr } from '../i18n/index.js';
import { langFromEnv, parseLang, type Lang } from './lang.js';
import { VERSION } from './version.js';
import { commands } from './commands/index.js';
import { globalOptions } from './options.js';
import { interactiveTerminal } from './terminal.js';

/** Commander's own headings, in Chinese for --lang zh --help. */
const TITLES_ZH: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

/**
 * The language --help is written in: --lang on the command line (read before commander parses,
 * since the help text is built first), else the environment's. A bad --lang is left to commander.
 */
export function helpLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice(7) : undefined;
    if (v === undefined) continue;
    try {
      return parseLang(v);
    } catch {
      break;
    }
  }
  return langFromEnv(env);
}

/** `lang`: the language of the help text (descriptions, headings); messages use --lang as parsed. */
export function buildProgram(lang: Lang = 'en'): Command {
  const t = (en: string, zh: string) => tr(lang, msg(en, zh));
  const program = new Command();
  program
    .name('nnlearn')
    .description(t('A terminal tutor and REPL for neural networks: lessons that compute, a layer REPL, and a spaced-repetition quiz.', '神经网络终端导师与 REPL：会计算的课程、逐层计算的 REPL、间隔重复的测验。'))
    .version(VERSION, '-V, --version', t('print the version', '显示版本号'))
    .helpOption('-h, --help', t('display help for command', '显示命令的帮助'))
    .helpCommand('help [command]', t('display help for command', '显示命令的帮助'))
    // Chinese takes two columns a character: wrap by display width, and title the sections in the help's language.
    .configureHelp({
      displayWidth: (str: string) => stringWidth(str),
      styleTitle: (str: string) => (lang === 'zh' ? (TITLES_ZH[str] ?? str) : str),
    } as Partial<Help>)
    .addOption(
      // No commander default: it would print "(default: …)" after the description's own, in English.
      // globalOptions() fills it in from the environment.
      new Option('--lang <lang>', t('language of lessons and messages: en or zh (default: from LC_ALL/LANG)', '课程和消息的语言：en 或 zh（默认取自 LC_ALL/LANG）')).argParser((v) => {
        try {
          return parseLang(v);
        } catch (e) {
          throw new InvalidArgumentError((e as Error).message);
        }
      }),
    )
    .showSuggestionAfterError(true)
    .showHelpAfterError(t('(run nnlearn --help for the commands)', '（运行 nnlearn --help 查看命令）'));
  for (const register of commands) register(program, lang);
  // No command: a terminal opens the lesson menu (saying where help is); a pipe or TERM=dumb gets the help.
  // The word is taken as an argument so a mistyped command still gets commander's "unknown command … did you mean".
  program.usage('[options] [command]').argument('[command]');
  program.action(async (word: string | undefined) => {
    if (word !== undefined) return (program as unknown as { unknownCommand(): void }).unknownCommand();
    const { lang: chosen } = globalOptions(program);
    if (!interactiveTerminal()) {
      program.outputHelp();
      return;
    }
    // The menu's legend says where the other commands are (a line printed here would scroll away under it).
    const { runLessonCommand } = await import('./actions/lesson.js');
    process.exitCode = await runLessonCommand({ lang: chosen, tty: true });
  });
  return program;
}
