/** What the command line exits with: 0 all good, 1 some file has a problem, 2 the command line itself is wrong. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
