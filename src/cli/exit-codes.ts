/** What the command line exits with: 0 all good, 1 some file has a problem, 2 the command line itself is wrong. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** What a signal that interrupts the command exits with: 128 + its number, as shells report it. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export type HeldSignal = keyof typeof SIGNAL_EXIT_CODES;
