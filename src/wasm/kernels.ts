import { KERNEL_WASM_BASE64 } from './kernel-bytes.generated.js';

/**
 * The WebAssembly kernels (decode, mix, FIR, G.711 and PCM encoding, peak, a P.56 meter's envelope, a fault meter's frame; AssemblyScript with 128-bit SIMD, each beside the stage that
 * calls it) and the memory they work in. The module's bytes are embedded in the build, so loading it needs neither
 * fs nor fetch: the same code runs in Node, in a browser and in a page opened from disk.
 */
export interface KernelExports {
  memory: WebAssembly.Memory;
  heap_base(): number;
  decode_u8(src: number, dst: number, frames: number, channels: number): void;
  decode_s16le(src: number, dst: number, frames: number, channels: number): void;
  decode_s24le(src: number, dst: number, frames: number, channels: number): void;
  decode_s32le(src: number, dst: number, frames: number, channels: number): void;
  decode_f32le(src: number, dst: number, frames: number, channels: number): void;
  decode_f64le(src: number, dst: number, frames: number, channels: number): void;
  decode_s16be(src: number, dst: number, frames: number, channels: number): void;
  decode_s24be(src: number, dst: number, frames: number, channels: number): void;
  decode_s32be(src: number, dst: number, frames: number, channels: number): void;
  decode_f32be(src: number, dst: number, frames: number, channels: number): void;
  decode_f64be(src: number, dst: number, frames: number, channels: number): void;
  decode_table8(src: number, dst: number, frames: number, channels: number, table: number): void;
  mix_planar(pointers: number, channels: number, dst: number, frames: number): void;
  fir_bank(x: number, bank: number, taps: number, out: number, count: number, start: number, phase: number, whole: number, part: number, up: number): void;
  fir_interpolated(
    x: number,
    table: number,
    taps: number,
    out: number,
    count: number,
    start: number,
    phase: number,
    whole: number,
    part: number,
    up: number,
    density: number,
  ): void;
  fft_decimate2(
    x: number,
    first: number,
    hop: number,
    span: number,
    n: number,
    re: number,
    im: number,
    gRe: number,
    gIm: number,
    twRe: number,
    twIm: number,
    out: number,
    count: number,
  ): void;
  alaw_encode(src: number, dst: number, count: number, stats: number): void;
  ulaw_encode(src: number, dst: number, count: number, stats: number): void;
  pcm16_encode(src: number, dst: number, count: number, stats: number): void;
  peak_magnitude(src: number, count: number): number;
  active_level_pair(block: number, count: number, state: number): number;
  active_level_one(block: number, count: number, state: number): number;
  fault_frame(frame: number, n: number, group: number, window: number, grouped: number, coefficients: number, lines: number, humLines: number, record: number): void;
}

const PAGE_BYTES = 65536;
/** Vectors are 16 bytes; every buffer starts on a multiple of that. */
const ALIGNMENT = 16;
/** Instances kept for reuse once released: a batch thread needs one at a time, a page a few. */
const MAX_IDLE = 4;

/**
 * One instance of the kernels, with its own linear memory, used by one conversion at a time. Buffers are taken
 * from its memory with `alloc` while the stages are set up; growing the memory detaches every view of it, so all
 * allocation happens before the first block and views are made afresh (`f32`, `u8`) each time they are used.
 */
export class Kernels {
  private readonly base: number;
  private top: number;

  constructor(readonly exports: KernelExports) {
    this.base = alignUp(exports.heap_base());
    this.top = this.base;
  }

  /** Reserves `bytes` (16-byte aligned) and returns their address. Memory is zeroed only when first grown. */
  alloc(bytes: number): number {
    const address = this.top;
    this.top = alignUp(address + Math.max(0, bytes));
    const memory = this.exports.memory;
    const missing = this.top - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / PAGE_BYTES));
    return address;
  }

  f32(address: number, length: number): Float32Array {
    return new Float32Array(this.exports.memory.buffer, address, length);
  }

  f64(address: number, length: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, address, length);
  }

  u8(address: number, length: number): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer, address, length);
  }

  u32(address: number, length: number): Uint32Array {
    return new Uint32Array(this.exports.memory.buffer, address, length);
  }

  /** Whether `view` lies in this instance's memory (then a kernel can read it in place, without a copy). */
  holds(view: ArrayBufferView): boolean {
    return view.buffer === this.exports.memory.buffer;
  }

  /** Frees every buffer at once, for the next conversion. */
  reset(): void {
    this.top = this.base;
  }
}

let compiled: Promise<WebAssembly.Module> | null = null;
const idle: Kernels[] = [];

function kernelModule(): Promise<WebAssembly.Module> {
  if (!compiled) compiled = WebAssembly.compile(bytesOfBase64(KERNEL_WASM_BASE64));
  return compiled;
}

/** An instance for one conversion; give it back with `releaseKernels` when the conversion ends. */
export async function acquireKernels(): Promise<Kernels> {
  const reused = idle.pop();
  if (reused) return reused;
  const instance = await WebAssembly.instantiate(await kernelModule(), {});
  return new Kernels(instance.exports as unknown as KernelExports);
}

export function releaseKernels(kernels: Kernels): void {
  kernels.reset();
  if (idle.length < MAX_IDLE && !idle.includes(kernels)) idle.push(kernels);
}

/** Runs `work` with an instance of its own and always gives the instance back. */
export async function withKernels<T>(work: (kernels: Kernels) => Promise<T>): Promise<T> {
  const kernels = await acquireKernels();
  try {
    return await work(kernels);
  } finally {
    releaseKernels(kernels);
  }
}

function alignUp(address: number): number {
  return Math.ceil(address / ALIGNMENT) * ALIGNMENT;
}

function bytesOfBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
