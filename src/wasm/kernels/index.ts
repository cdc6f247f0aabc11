// AssemblyScript: the entry of the one WebAssembly module that holds every kernel. Each kernel lives beside the
// TypeScript stage that calls it; this file only gathers them, so that they share one linear memory and a block
// passes from stage to stage without a copy. Built by src/wasm/build-kernels.mjs.
export * from '../../mix/kernels/decode-frames';
export * from '../../mix/kernels/mix-planar';
export * from '../../resample/kernels/polyphase-fir';
export * from '../../resample/kernels/fft-decimate';
export * from '../../encode/kernels/sample-encode';
export * from '../../adjust/kernels/peak-magnitude';
export * from '../../adjust/kernels/active-level';
export * from '../../adjust/kernels/fault-frame';

/** Where memory that no kernel uses for itself begins: the TypeScript side allocates its buffers from here on. */
export function heap_base(): usize {
  return __heap_base;
}
