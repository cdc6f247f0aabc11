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
    'this browser cannot decode this AAC recording, and the page carries no decoder of its own for it; open the page in Chrome, Edge or Safari, or convert it with the voiceprep command (npx voiceprep convert)',
  );
}

function amrRefusal(): VoiceprepError {
  return new VoiceprepError(
    'unsupported-encoding',
    'an AMR phone recording, which no browser decodes and the page carries no decoder for; convert it with the voiceprep command (npx voiceprep convert)',
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
  throw amrRefusal();
}
