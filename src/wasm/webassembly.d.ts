// The few WebAssembly JavaScript API types the kernels' loader uses. TypeScript ships them only with the DOM
// library, which the core must not depend on (it runs in Node and in workers as well as in pages).
declare namespace WebAssembly {
  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  interface Module {}
  interface Instance {
    readonly exports: Record<string, unknown>;
  }
  function compile(bytes: Uint8Array): Promise<Module>;
  function instantiate(module: Module, imports?: Record<string, Record<string, unknown>>): Promise<Instance>;
}
