/** A worked size explanation as plain lines of text in one language (REPL, lessons). */
import type { ConvShapeExplanation, PoolShapeExplanation } from './shape-types.js';

/** Summary, per-axis working, depth, extras, warnings, notes. */
export function explanationLines(e: ConvShapeExplanation | PoolShapeExplanation, lang: 'en' | 'zh'): string[] {
  const lines: string[] = [e.summary[lang]];
  if (!e.ok) return lines;
  for (const p of e.spatial) lines.push(p[lang]);
  lines.push(e.depth.explanation[lang]);
  if (e.kind === 'conv') {
    lines.push(e.params.explanation[lang]);
    lines.push(e.receptiveField.explanation[lang]);
    lines.push(e.fullyConnected.explanation[lang]);
  }
  const mark = lang === 'en' ? { w: 'Warning: ', n: 'Note: ' } : { w: '注意：', n: '提示：' };
  for (const w of e.warnings) lines.push(mark.w + w.message[lang]);
  for (const n of e.notes) if (n.code !== 'ceil-rounded-up' && n.code !== 'ceil-dropped-window') lines.push(mark.n + n.message[lang]);
  return lines;
}
