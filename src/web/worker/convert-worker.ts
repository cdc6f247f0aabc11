import type { PrepareRequest, PrepareResponse } from '../protocol.js';
import { withKernels } from '../../wasm/kernels.js';
import { prepareFile } from './prepare-file.js';

/** The part of a dedicated worker's global scope used here (the page's code is typed against the DOM library). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PrepareRequest>) => void) | null;
  postMessage(message: PrepareResponse, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

// The kernels compile while the page reads this worker's first file (which takes longer), not after it arrives:
// in two interleaved runs of the bench's page measurement, 967-1021 ms against 1113-1133 ms without. Should they not
// compile, the first file fails with the reason.
withKernels(async () => undefined).catch(() => undefined);

scope.onmessage = async ({ data: request }) => {
  const prepared = await prepareFile(new Uint8Array(request.bytes), request.inputName, request.outputName, request.options);
  const transfer = [prepared.bytes?.buffer, prepared.playback?.buffer].filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
  scope.postMessage({ id: request.id, prepared }, transfer);
};
