// AssemblyScript entry of dist/engine/kernels.wasm (scripts/build.mjs compiles this file):
// one module, one memory, every kernel file's exports. gemm.ts's are listed: it also exports
// its blocking constants and panel helpers to conv.ts, which JS never calls. simd-math.ts is
// math the kernel files share, with no exports of its own.
export { packASize, packBSize, tileSize, heapBase, gemm, gemmRowBias } from './gemm';
export * from './conv';
export * from './elementwise';
export * from './recurrent';
