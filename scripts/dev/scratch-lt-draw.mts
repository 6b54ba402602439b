import { drawChain, drawCell } from '../../src/lessons/lstm/diagrams.js';
import { makeTheme } from '../../src/ui/style.js';
import sw from 'string-width';
for (const lang of ['en','zh'] as const) for (const width of [80, 120]) {
  for (const f of [drawChain, drawCell]) { const ls = f({lang, width, theme: makeTheme(0)}); console.log(`--- ${lang} ${width} max=${Math.max(...ls.map(l=>sw(l)))}`); console.log(ls.join('\n')); }
}
