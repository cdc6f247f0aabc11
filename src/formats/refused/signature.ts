/** The signature of the format of this folder, recognized and described but not decoded. */

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

/** Matroska and WebM: an EBML header. */
export function recognizesMatroska(head: Uint8Array): boolean {
  return EBML_MAGIC.every((byte, i) => head[i] === byte);
}
