/**
 * Checks a reference file of either format: op cases (`nnlearn-golden/1`) or whole
 * training runs (`nnlearn-train/1`), told apart by their "format" field.
 */
import { checkGolden, type GoldenReport, parseGoldenFile } from './golden.js';
import { parseTrainFile } from './train/case-format.js';
import { checkTrainGolden } from './train/check.js';

export function checkGoldenText(text: string): GoldenReport {
  let format: unknown;
  try {
    format = (JSON.parse(text) as { format?: unknown })?.format;
  } catch {
    format = undefined; // parseGoldenFile reports the JSON error
  }
  if (format === 'nnlearn-train/1') return checkTrainGolden(parseTrainFile(text));
  return checkGolden(parseGoldenFile(text));
}
