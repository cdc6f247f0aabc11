/**
 * Whether an ADTS (raw AAC) frame header starts at `at`. ADTS shares MPEG audio's sync and version bits; its layer
 * bits are 00, which MPEG audio (layers I-III: 11, 10, 01) never uses, so this is also what tells AAC from MP3.
 */
export function startsAdtsFrame(bytes: Uint8Array, at: number): boolean {
  return at + 1 < bytes.length && bytes[at] === 0xff && (bytes[at + 1] & 0xf6) === 0xf0;
}
