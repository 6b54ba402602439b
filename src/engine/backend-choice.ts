/**
 * The engine's two back ends and how NNLEARN_ENGINE chooses between them. Its own file,
 * importing nothing, so the CLI can check the variable without loading the engine.
 */

/** Which code runs the hot loops: the WebAssembly SIMD kernels or the TypeScript path. */
export type GemmBackend = 'js' | 'wasm';

/**
 * The back end NNLEARN_ENGINE asks for: `js` chooses the TypeScript path; unset, empty or
 * `wasm` the WebAssembly kernels (which fall back to JS per call where they cannot load).
 * Any other value is not a back end: `unknown` carries it, so the CLI can say so, and the
 * default is used.
 */
export function engineChoice(value: string | undefined): { backend: GemmBackend; unknown?: string } {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'js') return { backend: 'js' };
  if (v === '' || v === 'wasm') return { backend: 'wasm' };
  return { backend: 'wasm', unknown: value };
}
