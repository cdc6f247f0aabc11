import { isVoiceprepError } from '../../src/errors.js';
import type { AllocationWatch } from './allocation-watch.js';

export interface CaseLimits {
  /** A case that runs this long is stuck, not slow. */
  ms: number;
  /** The largest single allocation a case may make: more followed a size written in the file. */
  allocationBytes: number;
}

/**
 * Runs one fuzz case. `work` gives its outcome or throws a VoiceprepError with a one-line message (the outcome is then
 * 'refused'); `then` judges more from the outcome, inside the same time and allocation limits. Any other exception,
 * a message of more than one line, or a limit passed fails the case with `label`, which says how to replay it.
 */
export async function runFuzzCase<T extends string>(
  label: string,
  watch: AllocationWatch,
  limits: CaseLimits,
  work: () => Promise<T>,
  then: (outcome: T | 'refused') => Promise<void> = async () => undefined,
): Promise<T | 'refused'> {
  const started = performance.now();
  watch.takeLargest();
  let outcome: T | 'refused';
  try {
    outcome = await work();
  } catch (error) {
    if (!isVoiceprepError(error)) throw new Error(`${label}: not a VoiceprepError: ${(error as Error)?.stack ?? error}`);
    if (!isOneLine(error.message)) throw new Error(`${label}: not one line: ${JSON.stringify(error.message)}`);
    outcome = 'refused';
  }
  await then(outcome);
  const elapsed = performance.now() - started;
  if (elapsed > limits.ms) throw new Error(`${label}: took ${elapsed.toFixed(0)} ms`);
  const largest = watch.takeLargest();
  if (largest > limits.allocationBytes) throw new Error(`${label}: allocated ${largest} bytes at once`);
  return outcome;
}

/** What a user sees as one line: no line breaks, no escape sequences, and not empty. */
export function isOneLine(message: string): boolean {
  return message.length > 0 && !/[\n\r\x1b]/.test(message);
}
