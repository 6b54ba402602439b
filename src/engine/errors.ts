/**
 * The one error type the engine throws. Messages are written for a student:
 * they say what was wrong, with the numbers, and what would work instead.
 * `zh` carries the same message in Simplified Chinese for the UI, and `code`
 * the issue code of messages.ts the error was made from (engineError()).
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly zh: string | undefined;
  readonly code: string | undefined;
  constructor(message: string, zh?: string, code?: string) {
    super(message);
    this.zh = zh;
    this.code = code;
  }
}

/** Formats a shape the way PyTorch prints it: [3, 32, 32]. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
