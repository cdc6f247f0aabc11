import { NameAllocator, type Transliterators, claimOrder, compliantNameWith } from '../../profile/naming.js';
import { DEFAULT_PROFILE } from '../../profile/profile.js';
import { PROFILES } from '../../profile/profiles.js';

const UNTRANSLITERATED: Transliterators = { pinyin: () => '', latin: (text) => text };

export interface OutputName {
  /** The playback file's name: compliant, and distinct within its folder. */
  name: string;
  /** Where it goes in the zip: its folder below the picked folder, mirrored as `convert -o` mirrors it. */
  path: string;
  renamed: boolean;
}

/** Makes names compliant by the CLI's rules (compliant-names.ts, in the naming worker), in the order given. */
export type CompliantNames = (names: string[], target: string) => Promise<string[]>;

/**
 * Names the files of one list as one `voiceprep convert -o` run names them: compliant by the shared rules, and
 * '-2', '-3' when two land on one name in one folder. Names stay claimed until the list is cleared, so a file added
 * later never takes the name of one already in the zip.
 */
export class OutputNamer {
  private readonly folders = new Map<string, NameAllocator>();

  constructor(
    private readonly compliantNames: CompliantNames,
    private readonly target: string = DEFAULT_PROFILE.id,
  ) {}

  /** Names `files` as convert names one run's: by `claimOrder`, then in the order given (which decides who gets '-2'). */
  async names(files: ReadonlyArray<{ folder: string; name: string }>): Promise<OutputName[]> {
    const originals = files.map(({ name }) => name);
    // Without the transliterators (their worker failed), names still comply: what is not Latin becomes '_'.
    const rules = (PROFILES.get(this.target) ?? DEFAULT_PROFILE).names;
    const compliant = await this.compliantNames(originals, this.target).catch(() => originals.map((name) => compliantNameWith(name, UNTRANSLITERATED, rules)));
    const named: OutputName[] = new Array(files.length);
    const order = files.map((_, index) => index).sort((a, b) => claimOrder(files[a].name, compliant[a]) - claimOrder(files[b].name, compliant[b]));
    for (const index of order) {
      const { folder, name: original } = files[index];
      let allocator = this.folders.get(folder);
      if (!allocator) this.folders.set(folder, (allocator = new NameAllocator(rules)));
      const name = allocator.claim(compliant[index]);
      named[index] = { name, path: folder === '' ? name : `${folder}/${name}`, renamed: name !== original };
    }
    return named;
  }
}
