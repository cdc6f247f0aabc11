/**
 * One step of the sample pipeline, shaped after SoX's effects chain: construct it (start), push blocks through it
 * (flow), then collect what it still holds back (drain). Every stage has this one small interface, so they compose,
 * and each keeps only a bounded amount of state, so a whole file streams through in bounded memory.
 *
 * Blocks are mono samples in full-scale units (-1.0 .. +1.0 is the 16-bit range). A returned block may be a view
 * into the stage's own buffer: it is valid until the next call on that stage.
 */
export interface Stage {
  flow(block: Float32Array): Float32Array;
  drain(): Float32Array;
}
