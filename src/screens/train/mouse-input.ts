/**
 * The terminal's mouse reports (SGR mode, `ESC[?1006h`) taken out of the
 * input before node:readline reads keys from it: readline's keypress parser
 * does not know them and would split `ESC[<0;12;5M` into stray keys ('<', '0',
 * ';' …) that the screen would act on. SGR reports are
 * `ESC [ < button ; column ; row M` (pressed, or moved with a button held) and
 * the same ending in `m` (released); column and row count from 1.
 */

export interface MouseEvent {
  /** press: a button went down; drag: moved with it held; release: it came up. */
  kind: 'press' | 'drag' | 'release';
  /** 0 left, 1 middle, 2 right; 3 for a move with no button; 64+ the wheel. */
  button: number;
  /** The terminal cell, 1-based as the terminal reports it. */
  x: number;
  y: number;
  /** The report as it came (so the input can be put back together exactly). */
  raw: string;
}

export type InputPart = { kind: 'keys'; text: string } | { kind: 'mouse'; event: MouseEvent };

const REPORT = /\u001b\[<(\d{1,6});(\d{1,6});(\d{1,6})([Mm])/g;
/** A tail that may be the start of a report cut off by the end of a chunk. */
const PARTIAL = /\u001b(?:\[(?:<(?:\d{1,6}(?:;(?:\d{1,6}(?:;\d{0,6})?)?)?)?)?)?$/;

/** One report's meaning: bit 32 is motion, bits 0–1 (and 64 for the wheel) the button. */
export function mouseEventOf(b: number, x: number, y: number, final: 'M' | 'm', raw: string): MouseEvent {
  const button = (b & 3) | (b & 64) | (b & 128);
  const kind = final === 'm' ? 'release' : b & 32 ? 'drag' : 'press';
  return { kind, button, x, y, raw };
}

/**
 * Splits input into keys and mouse reports, in order. `rest` is a tail that
 * may be an unfinished report (`ESC[<35;1` at the end of a chunk): give it
 * back at the front of the next chunk (or as keys after a moment: see
 * MouseFilter). A lone ESC at the end is held too: it may be the Escape key or
 * a report's first byte (readline itself waits longer than that before it
 * calls a lone ESC the Escape key).
 */
export function splitInput(input: string): { parts: InputPart[]; rest: string } {
  const parts: InputPart[] = [];
  let at = 0;
  const keys = (text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last?.kind === 'keys') last.text += text;
    else parts.push({ kind: 'keys', text });
  };
  for (const m of input.matchAll(REPORT)) {
    keys(input.slice(at, m.index));
    parts.push({ kind: 'mouse', event: mouseEventOf(Number(m[1]), Number(m[2]), Number(m[3]), m[4] as 'M' | 'm', m[0]) });
    at = m.index + m[0].length;
  }
  const tail = input.slice(at);
  const partial = PARTIAL.exec(tail);
  if (partial) {
    keys(tail.slice(0, partial.index));
    return { parts, rest: partial[0] };
  }
  keys(tail);
  return { parts, rest: '' };
}

/** The input back from its parts: splitInput's parts joined, plus its rest, are the input exactly. */
export function joinInput(parts: readonly InputPart[], rest = ''): string {
  return parts.map((p) => (p.kind === 'keys' ? p.text : p.event.raw)).join('') + rest;
}

/**
 * Feeds chunks of input to `keys` (the text readline should see) and `mouse`,
 * holding an unfinished report until the next chunk; a held tail no chunk
 * completes within `waitMs` goes to the keys as it was.
 */
export class MouseFilter {
  private held = '';
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly keys: (text: string) => void,
    private readonly mouse: (e: MouseEvent) => void,
    private readonly waitMs = 50,
  ) {}

  write(chunk: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const { parts, rest } = splitInput(this.held + chunk);
    this.held = rest;
    for (const p of parts) {
      if (p.kind === 'keys') this.keys(p.text);
      else this.mouse(p.event);
    }
    if (rest) this.timer = setTimeout(() => this.flush(), this.waitMs);
  }

  /** Whatever is held, as keys (and stop waiting). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const text = this.held;
    this.held = '';
    if (text) this.keys(text);
  }
}
