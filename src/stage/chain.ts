import type { Stage } from './stage.js';

/** Stages in series behave as one stage: what one drains still flows through the ones after it. */
export class StageChain implements Stage {
  constructor(private readonly stages: readonly Stage[]) {}

  flow(block: Float32Array): Float32Array {
    let current = block;
    for (const stage of this.stages) current = stage.flow(current);
    return current;
  }

  drain(): Float32Array {
    const tails: Float32Array[] = [];
    for (let i = 0; i < this.stages.length; i++) {
      let tail = this.stages[i].drain();
      for (let j = i + 1; j < this.stages.length; j++) tail = this.stages[j].flow(tail);
      // later stages reuse their buffers on the next call, so keep a copy
      if (tail.length > 0) tails.push(tail.slice());
    }
    return concat(tails);
  }
}

export function concat(parts: Float32Array[]): Float32Array {
  if (parts.length === 1) return parts[0];
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Float32Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
