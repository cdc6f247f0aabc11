/** The RFC 4867 storage formats of AMR and AMR-WB: a magic line, then frames of 20 ms. */
export const AMR_VARIANTS = [
  { magic: '#!AMR-WB\n', encoding: 'AMR-WB', sampleRate: 16000, frameBytes: [17, 23, 32, 36, 40, 46, 50, 58, 60, 5] },
  { magic: '#!AMR\n', encoding: 'AMR', sampleRate: 8000, frameBytes: [12, 13, 15, 17, 19, 20, 26, 31, 5] },
];

export function amrVariantOf(head: Uint8Array) {
  return AMR_VARIANTS.find(({ magic }) => String.fromCharCode(...head.subarray(0, magic.length)) === magic);
}

export function recognizesAmr(head: Uint8Array): boolean {
  return amrVariantOf(head) !== undefined;
}
