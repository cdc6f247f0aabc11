// AssemblyScript, compiled to WebAssembly by `npm run build` (src/wasm/build-kernels.mjs); called from
// src/mix/mix-to-mono.ts for audio that a codec has already decoded into one float array per channel (MP3, FLAC,
// Vorbis, Opus). The mono mix is the mean of the channels, added in channel order in f32 and multiplied by the f32
// nearest to 1/channels: the same arithmetic as the interleaved kernels in src/mix/kernels/decode-frames.ts, so a
// file gives the same samples whichever way it was decoded.

/**
 * `pointers` holds `channels` 32-bit addresses, one per channel's floats. `dst` may be the first channel itself.
 * Works in blocks of four samples and then one by one, so any frame count is fine.
 */
export function mix_planar(pointers: usize, channels: i32, dst: usize, frames: i32): void {
  const first = <usize>load<u32>(pointers);
  const scale: f32 = <f32>1.0 / <f32>channels;
  const scales = f32x4.splat(scale);
  let i = 0;
  for (; i + 4 <= frames; i += 4) {
    const offset = <usize>i << 2;
    let sum = v128.load(first + offset);
    for (let c = 1; c < channels; c++) sum = f32x4.add(sum, v128.load(<usize>load<u32>(pointers + (<usize>c << 2)) + offset));
    v128.store(dst + offset, f32x4.mul(sum, scales));
  }
  for (; i < frames; i++) {
    const offset = <usize>i << 2;
    let sum = load<f32>(first + offset);
    for (let c = 1; c < channels; c++) sum += load<f32>(<usize>load<u32>(pointers + (<usize>c << 2)) + offset);
    store<f32>(dst + offset, sum * scale);
  }
}
