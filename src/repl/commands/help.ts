/** help and help CMD: every command from its spec, so help never goes stale. */
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult } from '../context.js';
import { findSpec } from '../parser.js';
import type { CommandSpec } from '../spec.js';
import { suggest } from '../suggest.js';

export function makeHelp(all: () => readonly CommandSpec[]): ReplCommand {
  return {
    spec: {
      name: 'help',
      aliases: ['?'],
      summary: msg('list the commands, or explain one: help conv', '列出所有命令，或解释一个命令：help conv'),
      usage: 'help [COMMAND]',
      examples: ['help', 'help conv'],
      positionals: [{ name: 'topic', kind: 'word', optional: true, help: msg('a command name', '命令名') }],
    },
    run(args) {
      const topic = args.positionals.topic;
      const specs = all();
      if (!topic || topic.kind !== 'word') {
        const blocks: Block[] = [
          { kind: 'title', text: msg('Commands', '命令') },
          // Facts wrap their text (a table would cut the summaries at 80 columns).
          { kind: 'facts', rows: specs.map((s) => ({ label: s.name, value: s.summary })) },
          {
            kind: 'text',
            text: msg(
              'Anything else is math (mathjs): (32-5+2*2)/1+1, let W = 227, let x = [[1,2],[3,4]], x * x. Volumes are W×H×D as in the notes: 32x32x3. Tab completes; ↑/↓ walk the history.',
              '其他输入按数学表达式计算（mathjs）：(32-5+2*2)/1+1、let W = 227、let x = [[1,2],[3,4]]、x * x。数据体按笔记写作 宽×高×深：32x32x3。Tab 自动补全，↑/↓ 浏览历史。',
            ),
            tone: 'muted',
          },
        ];
        return commandResult('help', { json: () => ({ command: 'help', ok: true, commands: specs.map((s) => s.name) }), blocks: () => blocks });
      }
      const spec = findSpec(specs, topic.word);
      if (!spec) {
        const close = suggest(topic.word, specs.map((s) => s.name));
        throw new UserError(
          msg(
            `There is no command "${topic.word}".${close.length ? ` Did you mean ${close.join(' or ')}?` : ''} Type help for the list.`,
            `没有“${topic.word}”这个命令。${close.length ? `你是不是想找 ${close.join(' 或 ')}？` : ''}输入 help 查看列表。`,
          ),
          topic.start,
          topic.end - topic.start,
        );
      }
      return commandResult('help', { json: () => ({ command: 'help', ok: true, topic: spec.name, usage: spec.usage, examples: spec.examples }), blocks: () => helpFor(spec) });
    },
  };
}

export function helpFor(spec: CommandSpec): Block[] {
  const blocks: Block[] = [
    { kind: 'title', text: msg(`${spec.name} — ${spec.summary.en}`, `${spec.name} — ${spec.summary.zh}`) },
    { kind: 'code', lines: [spec.usage] },
  ];
  if (spec.aliases?.length) blocks.push({ kind: 'text', text: msg(`Also: ${spec.aliases.join(', ')}`, `别名：${spec.aliases.join('、')}`), tone: 'muted' });
  const rows = [
    ...(spec.positionals ?? []).map((p) => [p.name.toUpperCase(), p.help] as const),
    ...(spec.options ?? []).map((o) => [[`${o.key}=`, ...o.aliases.map((a) => `${a}=`)].join(' '), o.help] as const),
    ...(spec.flags ?? []).map((f) => [[f.name, ...(f.aliases ?? [])].join(' | '), f.help] as const),
  ];
  if (rows.length) blocks.push({ kind: 'facts', rows: rows.map(([label, value]) => ({ label, value })) });
  blocks.push({ kind: 'text', text: msg('Examples:', '示例：'), tone: 'muted' }, { kind: 'code', lines: [...spec.examples] });
  return blocks;
}
