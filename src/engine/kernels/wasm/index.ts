// AssemblyScript entry of dist/engine/kernels.wasm (scripts/build.mjs compiles this file):
// one module, one memory, every kernel file's exports.
export * from './gemm';
export * from './conv';
export * from './elementwise';
