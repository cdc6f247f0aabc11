import { VoiceprepError } from '../../errors.js';

/**
 * What the page's converter has in place of the AAC, MP4 and AMR decoding modules (build-page.mjs swaps them in):
 * their decoders are ~1 MB of WebAssembly, and the page is one file that everyone downloads whole. The page has the
 * browser decode M4A and AAC before the converter sees them (page/browser-decode.ts); what reaches these is refused
 * in words, with the way out.
 */

function refusal(): VoiceprepError {
  return new VoiceprepError(
    'unsupported-encoding',
    'this browser cannot decode this recording, and the page carries no decoder of its own for it; convert it with the voiceprep command (npx voiceprep convert), or in a browser that plays it (Chrome, Edge, Safari)',
  );
}

export async function openFaad(): Promise<never> {
  throw refusal();
}

export async function findAacTrack(): Promise<never> {
  throw refusal();
}

// eslint-disable-next-line require-yield
export async function* decodeAac(): AsyncGenerator<never> {
  throw refusal();
}

// eslint-disable-next-line require-yield
export async function* aacUnits(): AsyncGenerator<never> {
  throw refusal();
}

// eslint-disable-next-line require-yield
export async function* decodeAmr(): AsyncGenerator<never> {
  throw refusal();
}
