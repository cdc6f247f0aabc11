// The layering of src/ as rules that fail `npm test` (test/dependency-rules.spec.ts runs them; `npm run deps`
// prints the same report). A file travels formats -> mix -> resample -> adjust -> encode -> write, driven by
// pipeline; check, refs, node, web, batch and cli sit on top. Each folder may import only the folders below it in LAYERS,
// and no import may close a loop (type-only imports and import() count: they are loops for a reader too).
// Specs may import anything (a reader's spec converts and checks whole files); the AssemblyScript kernels are a
// program of their own (compiled by src/wasm/build-kernels.mjs), and so are the build scripts (*.mjs).

/** Low to high. `path` is a regular expression on the path from the repo root. */
const LAYERS = [
  // the ground floor: errors, the checks of a library call's arguments and options, shell quoting for messages
  { name: 'foundation', path: '^src/(errors|arguments|option-rules|shell-quote)\\.ts$' },
  { name: 'wasm', path: '^src/wasm/' },
  { name: 'stage', path: '^src/stage/' },
  { name: 'codecs', path: '^src/codecs/' },
  { name: 'source', path: '^src/source/' },
  { name: 'formats/common', path: '^src/formats/common/' },
  { name: 'formats/<format>', path: '^src/formats/(?!common/)[^/]+/' },
  { name: 'formats', path: '^src/formats/[^/]+$' },
  { name: 'profile', path: '^src/profile/' },
  { name: 'mix', path: '^src/mix/' },
  { name: 'resample', path: '^src/resample/' },
  { name: 'adjust', path: '^src/adjust/' },
  { name: 'encode', path: '^src/encode/' },
  { name: 'write', path: '^src/write/' },
  { name: 'pipeline', path: '^src/pipeline/' },
  { name: 'check', path: '^src/check/' },
  // what people see and hear of records: waveforms, plain words for warnings, the review page (browser-safe)
  { name: 'review', path: '^src/review/' },
  // the scanning of source code for the playback files it names (`voiceprep refs`), and the upload checklist:
  // plain text in, findings out, judged by check's rules; the file system is node/'s
  { name: 'refs', path: '^src/refs/' },
  { name: 'core', path: '^src/core\\.ts$' },
  { name: 'node', path: '^src/node/' },
  { name: 'web', path: '^src/web/' },
  { name: 'index', path: '^src/index\\.ts$' },
  { name: 'batch', path: '^src/batch/' },
  { name: 'cli', path: '^src/cli/' },
];

/** Not held to the layers: specs, the AssemblyScript kernels, declaration files and the build scripts. */
const APART = ['\\.spec\\.ts$', '/kernels/', '\\.d\\.ts$', '\\.mjs$'];

const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `up-a-floor:${layer.name}`,
  comment: `${layer.name} imports a layer above it; it may import only: ${LAYERS.slice(0, index).map((below) => below.name).join(', ') || 'nothing in src/'}`,
  severity: 'error',
  from: { path: layer.path, pathNot: APART },
  to: { path: LAYERS.slice(index + 1).map((above) => above.path), pathNot: APART },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'in-a-layer',
      comment: 'every file of src/ belongs to a layer: give a new folder its place in LAYERS (.dependency-cruiser.cjs)',
      severity: 'error',
      from: { path: '^src/', pathNot: [...LAYERS.map((layer) => layer.path), ...APART] },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'this import closes a loop: move the shared part (often a type) below both, or to the side that owns it',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'nothing imports this file and it imports nothing: dead, or an entry point that needs listing here',
      severity: 'error',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '\\.spec\\.ts$', '\\.mjs$', '\\.cts$', '(^|/)tsconfig\\.json$'] },
      to: {},
    },
    {
      name: 'format-folders-apart',
      comment:
        "a format's folder imports no other format's, only formats/common and the layers below (one exception: WAV's " +
        'MP3 data, formats/wave/mpeg-in-wave.ts, opens it with the MP3 reader)',
      severity: 'error',
      from: { path: '^src/formats/([^/]+)/', pathNot: ['^src/formats/common/', '^src/formats/wave/mpeg-in-wave\\.ts$', ...APART] },
      to: { path: '^src/formats/[^/]+/', pathNot: '^src/formats/($1|common)/' },
    },
    {
      name: 'output-knows-no-reader',
      comment: 'encode/ and write/ describe the output: they import nothing of the readers (formats/, source/)',
      severity: 'error',
      from: { path: '^src/(encode|write)/', pathNot: APART },
      to: { path: '^src/(formats|source)/' },
    },
    {
      name: 'web-stays-in-the-browser',
      comment: 'the page runs the core in a browser: no node/, batch/, cli/ or index.ts (which bring the file system)',
      severity: 'error',
      from: { path: '^src/web/', pathNot: APART },
      to: { path: ['^src/(node|batch|cli)/', '^src/index\\.ts$'] },
    },
    {
      name: 'nothing-imports-web',
      comment: 'web/ is a leaf: the page is built from it, and nothing else may depend on it',
      severity: 'error',
      from: { pathNot: ['^src/web/', '^test/'] },
      to: { path: '^src/web/' },
    },
    {
      name: 'node-modules-only-on-node',
      comment: "node: modules (fs, path, worker_threads) belong in node/, batch/ and cli/: the core and the page run in a browser",
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(node|batch|cli)/', '^src/index\\.ts$', ...APART] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'kernels-are-apart',
      comment: 'an AssemblyScript kernel is compiled to WebAssembly on its own: it imports only other kernels',
      severity: 'error',
      from: { path: '/kernels/' },
      to: { pathNot: '/kernels/' },
    },
    {
      name: 'typescript-imports-no-kernel',
      comment: 'TypeScript reaches a kernel through src/wasm/kernels.ts (the compiled module), never by import',
      severity: 'error',
      from: { pathNot: '/kernels/' },
      to: { path: '/kernels/' },
    },
    {
      name: 'src-imports-no-test',
      comment: 'shipped code imports nothing from test/ (specs may)',
      severity: 'error',
      from: { path: '^src/', pathNot: APART },
      to: { path: '^test/' },
    },
    {
      name: 'nothing-imports-a-spec',
      comment: 'a spec is run by vitest, never imported',
      severity: 'error',
      from: {},
      to: { path: '\\.spec\\.ts$' },
    },
    {
      name: 'shipped-code-uses-no-dev-dependency',
      comment: 'a devDependency is not installed with the package: shipped code cannot import it',
      severity: 'error',
      from: { path: '^src/', pathNot: APART },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'this import resolves to no file (the kernels module is generated by the build)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '\\.generated(\\.js)?$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    // type-only imports are imports of the design: a loop through a type is still a loop
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.cts', '.mts', '.js', '.cjs', '.mjs', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
