import type { PageOptions, PreparedFile } from './prepared-file.js';

/** What the page asks of a worker: one file to prepare, its bytes transferred (not copied). */
export interface PrepareRequest {
  id: number;
  bytes: ArrayBuffer;
  /** The name the file was picked under: how a headerless Dialogic .vox is known. */
  inputName: string;
  outputName: string;
  options: PageOptions;
}

/** The worker's answer to the request with the same id; the playback file's buffer is transferred, not copied. */
export interface PrepareResponse {
  id: number;
  prepared: PreparedFile;
}

/** Names to make compliant, for the naming worker. */
export interface NamingRequest {
  id: number;
  names: string[];
  /** The target whose name rules apply (its id). */
  target: string;
}

/** The compliant names, in the order asked. */
export interface NamingResponse {
  id: number;
  names: string[];
}
