/** A question and its solution as Blocks: the same views in the Ink quiz, --plain and tests. */
import { msg, type Lang, type Msg } from '../i18n/index.js';
import type { Block } from '../view/blocks.js';
import { LETTERS, choiceShuffle, orderShuffle, type Graded } from './grade.js';
import type { Question } from './types.js';
import { fmtInt } from '../i18n/numbers.js';

const KIND: Record<Question['kind'], Msg> = {
  choice: msg('choose a letter', '选一个字母'),
  numeric: msg('a number', '一个数'),
  formula: msg('a formula', '一个公式'),
  truefalse: msg('true or false (t/f)', '对或错（t/f）'),
  order: msg('put in order (letters)', '排序（按顺序写字母）'),
};

export function questionBlocks(q: Question, o: { index: number; total: number; seed: number; hint?: boolean }): Block[] {
  const blocks: Block[] = [
    { kind: 'text', tone: 'muted', text: msg(`[${o.index + 1}/${o.total}] ${q.lesson} · ${KIND[q.kind].en}`, `[${o.index + 1}/${o.total}] ${q.lesson} · ${KIND[q.kind].zh}`) },
    { kind: 'title', text: q.prompt },
  ];
  if (q.kind === 'choice') {
    const shown = choiceShuffle(q, o.seed);
    blocks.push({ kind: 'list', items: shown.map((k, i) => msg(`${LETTERS[i]}) ${q.options[k].en}`, `${LETTERS[i]}) ${q.options[k].zh}`)) });
  }
  if (q.kind === 'order') {
    const shown = orderShuffle(q, o.seed);
    blocks.push({ kind: 'list', items: shown.map((k, i) => msg(`${LETTERS[i]}) ${q.items[k].en}`, `${LETTERS[i]}) ${q.items[k].zh}`)) });
  }
  if (q.kind === 'formula') blocks.push({ kind: 'text', tone: 'muted', text: msg(`Variables: ${q.vars.join(', ')}`, `变量：${q.vars.join('、')}`) });
  if (q.kind === 'numeric' && Array.isArray(q.answer)) blocks.push({ kind: 'text', tone: 'muted', text: msg('Answer as W×H×D, e.g. 32x32x16.', '按 宽×高×深 作答，例如 32x32x16。') });
  if (o.hint && q.hint) blocks.push({ kind: 'text', tone: 'warn', text: msg(`Hint: ${q.hint.en}`, `提示：${q.hint.zh}`) });
  return blocks;
}

export function answerText(q: Question, seed: number): Msg {
  switch (q.kind) {
    case 'choice': {
      const letter = LETTERS[choiceShuffle(q, seed).indexOf(q.answer)];
      return msg(`${letter}) ${q.options[q.answer].en}`, `${letter}) ${q.options[q.answer].zh}`);
    }
    case 'numeric':
      if (Array.isArray(q.answer)) return msg(q.answer.join('×'), q.answer.join('×'));
      // Shown at the precision the tolerance asks for: ±0.0005 → three decimals.
      if (q.tolerance && !Number.isInteger(q.answer)) {
        const decimals = Math.max(0, Math.min(6, Math.ceil(-Math.log10(2 * q.tolerance))));
        const shown = q.answer.toFixed(decimals);
        return msg(shown, shown);
      }
      return msg(fmtNumber(q.answer), fmtNumber(q.answer));
    case 'formula':
      return msg(q.answer, q.answer);
    case 'truefalse':
      return q.answer ? msg('true', '对') : msg('false', '错');
    case 'order': {
      const shown = orderShuffle(q, seed);
      const letters = q.items.map((_, k) => LETTERS[shown.indexOf(k)]).join(' ');
      return msg(`${letters}  (${q.items.map((it) => it.en).join(' → ')})`, `${letters}（${q.items.map((it) => it.zh).join(' → ')}）`);
    }
  }
}

function fmtNumber(v: number): string {
  return Number.isInteger(v) ? fmtInt(v) : String(Math.round(v * 1e6) / 1e6);
}

/**
 * A moment in the student's own time zone (the system's, or TZ), as a
 * calendar would say it: "Tue 8 Dec 14:00" / "12月8日 周二 14:00". The JSON
 * output keeps ISO 8601 in UTC.
 */
export function fmtLocal(d: Date, lang: Lang, o: { time?: boolean; timeZone?: string } = {}): string {
  const parts = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: lang === 'zh' ? 'numeric' : 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: o.timeZone,
  }).formatToParts(d);
  const part = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  const time = o.time === false ? '' : ` ${part('hour')}:${part('minute')}`;
  return lang === 'zh' ? `${part('month')}月${part('day')}日 ${part('weekday')}${time}` : `${part('weekday')} ${part('day')} ${part('month')}${time}`;
}

/** When a card comes back: "in 3 h (Tue 8 Dec 14:00)", in the student's local time. */
export function fmtDue(due: Date, now: Date, lang: Lang, timeZone?: string): string {
  const mins = Math.round((due.getTime() - now.getTime()) / 60000);
  const when = fmtLocal(due, lang, { timeZone });
  if (mins < 60) return lang === 'en' ? `in ${Math.max(1, mins)} min (${when})` : `${Math.max(1, mins)} 分钟后（${when}）`;
  const hours = Math.round(mins / 60);
  if (hours < 48) return lang === 'en' ? `in ${hours} h (${when})` : `${hours} 小时后（${when}）`;
  const days = Math.round(hours / 24);
  const date = fmtLocal(due, lang, { time: false, timeZone });
  return lang === 'en' ? `in ${days} days (${date})` : `${days} 天后（${date}）`;
}

export function solutionBlocks(q: Question, g: Graded, o: { seed: number; next?: Date; now: Date; lang: Lang }): Block[] {
  const blocks: Block[] = [];
  if (g.outcome === 'right') blocks.push({ kind: 'text', tone: 'ok', text: msg('✓ Right.', '✓ 答对了。') });
  else if (g.outcome === 'wrong') blocks.push({ kind: 'text', tone: 'error', text: msg(`✗ Not right (you answered ${g.given}).`, `✗ 不对（你的答案是 ${g.given}）。`) });
  else if (g.outcome === 'dontknow') blocks.push({ kind: 'text', tone: 'warn', text: msg("That's fine — here is how it goes.", '没关系——下面是解法。') });
  if ((g.outcome === 'right' || g.outcome === 'wrong') && g.note) blocks.push({ kind: 'text', tone: 'muted', text: g.note });
  blocks.push({ kind: 'text', text: msg(`Answer: ${answerText(q, o.seed).en}`, `答案：${answerText(q, o.seed).zh}`) });
  blocks.push({ kind: 'text', text: q.explain });
  if (o.next) blocks.push({ kind: 'text', tone: 'muted', text: msg(`Next review ${fmtDue(o.next, o.now, 'en')}.`, `下次复习：${fmtDue(o.next, o.now, 'zh')}。`) });
  return blocks;
}
