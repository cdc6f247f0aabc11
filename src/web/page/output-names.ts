import { pinyin } from 'pinyin-pro';
import { transliterate } from 'transliteration';
import { NameAllocator, PINYIN_OPTIONS, compliantNameWith, type Transliterators } from '../../batch/name-rules.js';

/** The CLI's transliterators, bundled into the page (the CLI loads the same packages lazily). */
const BUNDLED: Transliterators = {
  pinyin: (han) => pinyin(han, PINYIN_OPTIONS),
  latin: (text) => transliterate(text),
};

export interface OutputName {
  /** The playback file's name: compliant, and distinct within its folder. */
  name: string;
  /** Where it goes in the zip: its folder below the picked folder, mirrored as `convert -o` mirrors it. */
  path: string;
  renamed: boolean;
}

/**
 * Names the files of one list as one `voiceprep convert -o` run names them: by the shared rules of name-rules.ts,
 * and '-2', '-3' when two land on one name in one folder. Names stay claimed until the list is cleared, so a file
 * added later never takes the name of one already in the zip.
 */
export class OutputNamer {
  private readonly folders = new Map<string, NameAllocator>();

  name(folder: string, original: string): OutputName {
    let allocator = this.folders.get(folder);
    if (!allocator) this.folders.set(folder, (allocator = new NameAllocator()));
    const name = allocator.claim(compliantNameWith(original, BUNDLED));
    return { name, path: folder === '' ? name : `${folder}/${name}`, renamed: name !== original };
  }
}
