/** One thread's way to convert files: `take(index)` resolves when the file is done. */
export interface Lane {
  take(index: number): Promise<void>;
  /** Files this lane leaves to the others: it takes one only while more than this many remain. */
  reserve: number;
}

/**
 * Hands the indices 0..count-1, in that order, to the lanes as they come free, until all are taken or `stopped()`
 * says to stop. The lanes start in the order given, so the first takes index 0. Resolves when every lane is done.
 */
export async function shareFiles(count: number, lanes: readonly Lane[], stopped: () => boolean): Promise<void> {
  let next = 0;
  const run = async ({ take, reserve }: Lane) => {
    while (!stopped() && next < count - reserve) await take(next++);
  };
  await Promise.all(lanes.map(run));
}
