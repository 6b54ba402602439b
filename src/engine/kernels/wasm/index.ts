// AssemblyScript entry of dist/engine/kernels.wasm (scripts/build.mjs compiles this file):
// one module, one memory, every kernel's exports.
export * from './gemm';
export * from './elementwise';
