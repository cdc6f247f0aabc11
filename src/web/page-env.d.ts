// The page and its workers run in a browser: their modules are typed against the DOM library. (tsc loads this file
// with the rest of src/, so the Node code sees DOM types too; it uses none of them.)
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
