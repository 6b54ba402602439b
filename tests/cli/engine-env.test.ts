/**
 * NNLEARN_ENGINE chooses the back end (README, "The engine"): wasm by default, js on
 * request; a value that is neither is named on stderr with the two that work, and the
 * command still runs on the default.
 */
import { describe, expect, it } from 'vitest';
import { engineChoice } from '../../src/engine/backend-choice.js';
import { runCli } from '../helpers/cli.js';

describe('engineChoice', () => {
  it('reads js and wasm in any case and spacing; unset or empty is wasm', () => {
    expect(engineChoice(undefined)).toEqual({ backend: 'wasm' });
    expect(engineChoice('')).toEqual({ backend: 'wasm' });
    expect(engineChoice('wasm')).toEqual({ backend: 'wasm' });
    expect(engineChoice(' JS ')).toEqual({ backend: 'js' });
    expect(engineChoice('Wasm')).toEqual({ backend: 'wasm' });
  });

  it('anything else is unknown and falls back to wasm', () => {
    expect(engineChoice('wsam')).toEqual({ backend: 'wasm', unknown: 'wsam' });
    expect(engineChoice('gpu')).toEqual({ backend: 'wasm', unknown: 'gpu' });
  });
});

describe('the CLI under NNLEARN_ENGINE', () => {
  it('a misspelt value is named, with what works, in the student’s language; the command still runs', () => {
    const en = runCli(['run', 'conv 32x32x3 F=5 S=1 P=2 K=16'], { env: { NNLEARN_ENGINE: 'wsam' } });
    expect(en.status).toBe(0);
    expect(en.stderr).toContain('NNLEARN_ENGINE="wsam" is not a back end; use wasm');
    expect(en.stderr).toContain('or js');
    expect(en.stdout).toContain('32');
    const zh = runCli(['--lang', 'zh', 'run', 'conv 32x32x3 F=5 S=1 P=2 K=16'], { env: { NNLEARN_ENGINE: 'wsam' } });
    expect(zh.stderr).toContain('NNLEARN_ENGINE="wsam" 不是可用的后端');
  });

  it('js, wasm and unset say nothing', () => {
    for (const v of ['js', 'wasm', undefined]) {
      const r = runCli(['--version'], { env: v === undefined ? {} : { NNLEARN_ENGINE: v } });
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
    }
  });
});
