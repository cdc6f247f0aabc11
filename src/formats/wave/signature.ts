/** WAVE in a RIFF, RF64, BW64 or RIFX (big-endian) container. */
export function recognizesWave(head: Uint8Array): boolean {
  const magic = String.fromCharCode(...head.subarray(0, 4));
  return ['RIFF', 'RF64', 'BW64', 'RIFX'].includes(magic) && String.fromCharCode(...head.subarray(8, 12)) === 'WAVE';
}
