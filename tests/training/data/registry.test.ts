import { describe, expect, it } from 'vitest';
import { make2D } from '../../../src/training/data/points-2d.js';
import { DATASETS, findDataset } from '../../../src/training/data/registry.js';
import { FORBIDDEN } from '../../helpers/hostile.js';

describe('data set registry', () => {
  it('lists the four Playground sets, the CSV, the digits and the three sequence tasks, ids unique, described in both languages', () => {
    expect(DATASETS.map((d) => d.id)).toEqual(['spiral', 'circles', 'xor', 'gaussian', 'csv', 'digits', 'memory', 'adding', 'reverse']);
    for (const d of DATASETS) {
      expect(d.description.en.length).toBeGreaterThan(10);
      expect(d.description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.title.zh.length).toBeGreaterThan(0);
    }
  });

  it('every generated set makes data with its defaults', () => {
    for (const d of DATASETS) {
      if (d.kind === 'sequence') expect(d.task.make().ok).toBe(true);
      if (d.kind === 'points') expect(make2D(d.generator).ok).toBe(true);
    }
  });

  it('finds by id; a typo gets the nearest id; a hostile id is shown safely', () => {
    const found = findDataset('xor');
    expect(found.ok && found.entry.kind).toBe('points');
    const typo = findDataset('sprial');
    expect(typo.ok).toBe(false);
    if (!typo.ok) {
      expect(typo.error.en).toBe('There is no data set "sprial". Did you mean spiral? Known: spiral, circles, xor, gaussian, csv, digits, memory, adding, reverse.');
      expect(typo.error.zh).toContain('spiral');
    }
    const hostile = findDataset('\u001b[2Jx');
    expect(!hostile.ok && hostile.error.en).not.toMatch(FORBIDDEN);
  });
});
