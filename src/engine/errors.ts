/**
 * The one error type the engine throws. Messages are written for a student:
 * they say what was wrong, with the numbers, and what would work instead.
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(message: string) {
    super(message);
  }
}

/** Formats a shape the way PyTorch prints it: [3, 32, 32]. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
