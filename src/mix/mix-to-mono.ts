/**
 * Folds interleaved channels into one: the mean of the channels, so that a signal present in every channel keeps
 * its level and a mono file is unchanged. Returns `frames` mono samples: a view of `out`, or of the input itself
 * when it is already mono (no copy).
 */
export function mixToMono(interleaved: Float32Array, channels: number, frames: number, out: Float32Array): Float32Array {
  if (channels === 1) {
    return interleaved.subarray(0, frames);
  }
  if (channels === 2) {
    for (let i = 0, j = 0; i < frames; i++, j += 2) out[i] = (interleaved[j] + interleaved[j + 1]) * 0.5;
    return out.subarray(0, frames);
  }
  const scale = 1 / channels;
  for (let i = 0, j = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++, j++) sum += interleaved[j];
    out[i] = sum * scale;
  }
  return out.subarray(0, frames);
}
