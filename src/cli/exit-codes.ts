/** What the command line exits with: 0 all good, 1 some file has a problem, 2 the command line itself is wrong. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** What a signal that interrupts the command exits with: 128 + its number, as shells report it. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export type HeldSignal = keyof typeof SIGNAL_EXIT_CODES;

/**
 * The signals bin/voiceprep.js holds from its first line, so that none is lost while the command loads: a command
 * that handles signals itself (convert) takes them over with `release` once its own handlers are in place and reads
 * what came before; one that does not (check) releases them at once, so a later signal ends it as usual.
 */
export interface HeldSignals {
  readonly held: readonly HeldSignal[];
  release(): void;
}

/** Takes over the held signals: stops holding them, and says the first that came (null when none did). */
export function takeHeldSignal(signals: HeldSignals | undefined): HeldSignal | null {
  signals?.release();
  return signals?.held[0] ?? null;
}
