import { NameAllocator } from '../../batch/name-rules.js';

export interface OutputName {
  /** The playback file's name: compliant, and distinct within its folder. */
  name: string;
  /** Where it goes in the zip: its folder below the picked folder, mirrored as `convert -o` mirrors it. */
  path: string;
  renamed: boolean;
}

/** Makes names compliant by the CLI's rules (compliant-names.ts, in the naming worker), in the order given. */
export type CompliantNames = (names: string[]) => Promise<string[]>;

/**
 * Names the files of one list as one `voiceprep convert -o` run names them: compliant by the shared rules, and
 * '-2', '-3' when two land on one name in one folder. Names stay claimed until the list is cleared, so a file added
 * later never takes the name of one already in the zip.
 */
export class OutputNamer {
  private readonly folders = new Map<string, NameAllocator>();

  constructor(private readonly compliantNames: CompliantNames) {}

  /** Names `files` in order (which decides who gets '-2'). */
  async names(files: ReadonlyArray<{ folder: string; name: string }>): Promise<OutputName[]> {
    const compliant = await this.compliantNames(files.map(({ name }) => name));
    return files.map(({ folder, name: original }, index) => {
      let allocator = this.folders.get(folder);
      if (!allocator) this.folders.set(folder, (allocator = new NameAllocator()));
      const name = allocator.claim(compliant[index]);
      return { name, path: folder === '' ? name : `${folder}/${name}`, renamed: name !== original };
    });
  }
}
