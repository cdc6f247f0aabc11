/** voiceprep for Node: the core (bytes in, bytes out) plus files on disk. Browser code imports `voiceprep/core`. */
export * from './core.js';
export { convert, convertFile } from './node/convert-file.js';
export { openFileSource, type FileSource } from './node/file-source.js';
export { writeFileAtomically } from './node/atomic-file.js';
export { checkFile, checkPaths, type CheckResult } from './node/check-paths.js';
export { findReferences, type FindReferencesOptions, type ReferencesResult, type SourceProblem } from './node/find-references.js';
export { checklist, type Checklist, type ChecklistOptions } from './node/checklist-files.js';
export { checklistCsv, checklistMarkdown, type ChecklistLanguage, type ChecklistRow } from './refs/checklist.js';
export type { SourceReference } from './refs/scan-source.js';
export { PLAYBACK_KEYS } from './refs/playback-keys.js';
export type { NameRecord, ReferencePlace, ReferenceProblem, ReferenceWarning } from './refs/judge-references.js';
