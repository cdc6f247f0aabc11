/** voiceprep for Node: the core (bytes in, bytes out) plus files on disk. Browser code imports `voiceprep/core`. */
export * from './core.js';
export { convert, convertFile } from './node/convert-file.js';
export { openFileSource, type FileSource } from './node/file-source.js';
export { writeFileAtomically } from './node/atomic-file.js';
export { checkFile, checkPaths, type CheckResult } from './node/check-paths.js';
