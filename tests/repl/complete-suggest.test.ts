/**
 * Issue 12 small ones: Tab offers only what fits where the cursor is (no w=/b=/seed=
 * or variable names after a literal size, one name per network), a one-letter
 * option is never "corrected" to another letter, and an undefined variable is
 * shown with a value of the kind the command needs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { allSpecs } from '../../src/repl/commands/index.js';
import { NET_NAME_GROUPS } from '../../src/repl/nets/index.js';
import { complete } from '../../src/repl/complete.js';
import { createSession } from '../../src/repl/session.js';

const session = createSession({ lang: 'en' });
afterAll(() => session.close());
const words = (command: string) => (command === 'net' ? NET_NAME_GROUPS : []);

describe('Tab completion', () => {
  it('after a literal volume: no w=, b=, seed= and no variable names; after a variable they are offered', () => {
    const lit = complete('conv 32x32x3 ', allSpecs(), ['img', 'k'], words).candidates;
    expect(lit).toContain('F=');
    expect(lit).not.toContain('w=');
    expect(lit).not.toContain('b=');
    expect(lit).not.toContain('seed=');
    expect(lit).not.toContain('img');
    const onVar = complete('conv img F=3 ', allSpecs(), ['img', 'k'], words).candidates;
    expect(onVar).toEqual(expect.arrayContaining(['w=', 'b=', 'seed=']));
    expect(complete('conv img F=3 w=', allSpecs(), ['img', 'k'], words).candidates).toEqual(['img', 'k']);
  });

  it('net v offers VGG-16 once, not four of its aliases; net inc offers GoogLeNet by its alias once', () => {
    expect(complete('net v', allSpecs(), [], words).candidates).toEqual(['vgg16']);
    expect(complete('net inc', allSpecs(), [], words).candidates).toEqual(['inception-v1']);
  });
});

describe('did you mean, and set it first', () => {
  it('conv 32x32x3 F=3 X=3 suggests no other one-letter option', async () => {
    const r = await session.exec('conv 32x32x3 F=3 X=3');
    expect(r.ok).toBe(false);
    expect(r.json().error).toMatch(/has no option "X"/);
    expect(r.json().error).not.toMatch(/Did you mean/);
    expect((await session.exec('conv 32x32x3 f=3 x=3')).json().error).not.toMatch(/Did you mean b/);
  });

  it('conv x with x undefined suggests an image, not a number', async () => {
    const r = await session.exec('conv nothere F=3');
    expect(r.json().error).toMatch(/let nothere = rand 6x6x1/);
    expect((await session.exec('softmax nothere')).json().error).toMatch(/let nothere = \[2, 1, 0\.1\]/);
  });
});
