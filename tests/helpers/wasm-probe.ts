/**
 * A script for `node --input-type=module -e` that imports an engine (by specifier or URL),
 * runs one 40×40×200 gemm and prints how many entries differ from the float64 sums rounded
 * once to float32. The JS path rounds exactly so (0); the WebAssembly kernel sums in
 * float32 and differs somewhere (> 0): a printed 0 under NNLEARN_ENGINE=wasm means the
 * kernels were not found.
 */
export function wasmProbeScript(engine: string): string {
  return `
    const m = await import(${JSON.stringify(engine)});
    const M = 40, N = 40, K = 200;
    let s = 1;
    const r = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
    const A = new Float32Array(M * K).map(r), B = new Float32Array(K * N).map(r), C = new Float32Array(M * N);
    m.gemm({ M, N, K, A, lda: K, B, ldb: N, C, ldc: N });
    let differ = 0;
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
      let t = 0;
      for (let k = 0; k < K; k++) t += A[i * K + k] * B[k * N + j];
      if (Math.fround(t) !== C[i * N + j]) differ++;
    }
    console.log(differ);`;
}
