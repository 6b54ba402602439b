// AssemblyScript: the entry scripts/build.mjs compiles into dist/engine/kernels.wasm.
// Every kernel file's exports become the module's exports.
export * from './gemm';
export * from './conv';
