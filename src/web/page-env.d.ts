// The page and its workers run in a browser: their modules are typed against the DOM library. (tsc loads this file
// with the rest of src/, so the Node code sees DOM types too; it uses none of them.)
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

/** The worker's code as one script, which the page starts from a Blob URL (see build-page.mjs). */
declare module 'inline:convert-worker' {
  const source: string;
  export default source;
}
