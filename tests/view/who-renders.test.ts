/**
 * The domains (lessons, REPL, quiz) produce Blocks; only the view lays them
 * out as text. A domain module that imports the text renderer or the figure
 * renderers to draw lines itself is the fault this guards against.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DOMAINS = ['src/lessons', 'src/repl', 'src/quiz'];
// Value imports from the view: the renderer modules, or any render… function (the stepper frame's, say).
const VIEW_IMPORT = /^import\s+(?!type\b)([^;]*?)\s+from\s+'[^']*\/view\/([^']*)\.js'/gm;
const RENDERER_MODULE = /^(?:render-text|render-nested|figures\/.*)$/;

function drawsText(source: string): boolean {
  return [...source.matchAll(VIEW_IMPORT)].some(([, names, module]) => {
    // What the import brings in as values ("type X" specifiers are only the model).
    const values = names.replace(/\btype\s+\w+(?:\s+as\s+\w+)?/g, '').match(/\w+/g) ?? [];
    return values.length > 0 && (RENDERER_MODULE.test(module) || values.some((v) => v.startsWith('render')));
  });
}

/** Where a domain still draws text, and why that is its job. */
const ALLOWED: Record<string, string> = {
  'src/lessons/lint.ts': 'the linter measures the lines a student would see',
};

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('who renders', () => {
  it('no lesson, REPL or quiz module draws Blocks as text itself (beyond the few named here)', () => {
    const found = DOMAINS.flatMap(files).filter((f) => drawsText(readFileSync(join(ROOT, f), 'utf8')));
    expect(found.filter((f) => !(f in ALLOWED))).toEqual([]);
  });

  it('the check tells a renderer import from an import of the model or a computation', () => {
    expect(drawsText("import { renderBlocks } from '../view/render-text.js';")).toBe(true);
    expect(drawsText("import {\n  computeWindow,\n  renderStepperFrame,\n} from '../../view/stepper/frame.js';")).toBe(true);
    expect(drawsText("import { clipLine as clip } from '../../view/figures/util.js';")).toBe(true);
    expect(drawsText("import type { Block } from '../view/blocks.js';\nimport { computeWindow, type StepperData } from '../../view/stepper/frame.js';")).toBe(false);
    expect(drawsText("import { type RenderOptions } from '../view/render-text.js';")).toBe(false);
  });
});
