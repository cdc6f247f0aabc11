import type { Faults } from '../adjust/fault-meter.js';
import { QUIETEST_SPEECH_DBOV } from '../adjust/level-gain.js';
import type { SourceWarning } from '../source/audio-source.js';

/**
 * The warnings of what a recording got wrong, in one set of words for convert's report and check --level: a prompt
 * that is silent or near-silent, off centre (DC), humming, or uneven. Warnings, not problems: the platform plays such
 * a file, but callers hear the fault. Stable codes; plain words first, the figures after.
 */

/** A mean beyond this is a DC offset, dBFS. */
export const DC_OFFSET_DBFS = -40;
/** A mains line standing this far above the floor of the pauses is hum, dB. */
export const HUM_ABOVE_FLOOR_DB = 20;
/** 2-second stretches whose speech levels spread over more than this make an uneven prompt, dB. */
export const UNEVEN_SPREAD_DB = 10;
/** Speech quieter than this is hard to hear on a phone, dBov. */
export const QUIET_DBOV = -40;

export type PromptWarningCode = 'silent' | 'quiet' | 'dc-offset' | 'hum' | 'uneven';

/**
 * `fix(flag)`: how the reader fixes it with that flag of convert (check: the whole command; convert: "convert it
 * again with ..."), or null when the flag was already given (then only the cause is told).
 */
export function promptWarnings(activeDbov: number | null, faults: Faults, fix: (flag: string) => string | null): SourceWarning[] {
  const warnings: SourceWarning[] = [];
  const with_ = (flag: string, otherwise: string) => fix(flag) ?? otherwise;
  if (activeDbov === null || activeDbov < QUIETEST_SPEECH_DBOV) {
    warnings.push({ code: 'silent', message: 'no speech in it (silence, or noise only): callers would hear nothing' });
  } else if (activeDbov < QUIET_DBOV) {
    warnings.push({
      code: 'quiet',
      message: `its speech is too quiet to hear well on a phone (${activeDbov.toFixed(1)} dBov): ${with_('--level -26', 'record it again closer to the microphone')}`,
    });
  }
  if (faults.dcDbfs !== null && faults.dcDbfs > DC_OFFSET_DBFS) {
    warnings.push({
      code: 'dc-offset',
      message: `the waveform sits off centre (a DC offset of ${faults.dcDbfs.toFixed(1)} dBFS), which wastes loudness and clicks at the ends: ${with_('--highpass', 'check the microphone or sound card it was recorded with')}`,
    });
  }
  const { hum } = faults;
  if (hum && hum.aboveFloorDb >= HUM_ABOVE_FLOOR_DB) {
    const stands = Number.isFinite(hum.aboveFloorDb) ? `${hum.aboveFloorDb.toFixed(0)} dB above the rest of the pauses` : 'in pauses otherwise silent';
    const cutoff = 2 * hum.hz;
    const remedy = cutoff <= 200 ? with_(cutoff === 100 ? '--highpass' : `--highpass ${cutoff}`, 'record it again away from mains cables, lights and chargers') : 'record it again away from mains cables, lights and chargers';
    warnings.push({ code: 'hum', message: `mains hum: a ${hum.hz} Hz tone ${stands} (${hum.levelDbov.toFixed(1)} dBov): ${remedy}` });
  }
  if (faults.spreadDb !== null && faults.spreadDb > UNEVEN_SPREAD_DB) {
    warnings.push({
      code: 'uneven',
      message: `some parts are much quieter than others (its 2-second stretches' speech levels spread over ${faults.spreadDb.toFixed(1)} dB), so callers miss words: ${with_('--even', 'record the quiet part again')}`,
    });
  }
  return warnings;
}

/** How convert's report says the fix: with the flag, unless the conversion already had it. */
export function convertFix(asked: { highpass?: unknown; even?: unknown; level?: unknown }): (flag: string) => string | null {
  return (flag) => {
    const name = flag.split(' ')[0];
    const given = name === '--highpass' ? asked.highpass : name === '--even' ? asked.even : name === '--level' ? asked.level !== undefined : false;
    return given ? null : `convert it again with ${flag}`;
  };
}
