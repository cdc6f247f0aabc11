import type { PrepareRequest, PrepareResponse } from '../protocol.js';
import { prepareFile } from './prepare-file.js';

/** The part of a dedicated worker's global scope used here (the page's code is typed against the DOM library). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PrepareRequest>) => void) | null;
  postMessage(message: PrepareResponse, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async ({ data: request }) => {
  const prepared = await prepareFile(new Uint8Array(request.bytes), request.inputName, request.outputName, request.options);
  scope.postMessage({ id: request.id, prepared }, prepared.bytes ? [prepared.bytes.buffer] : []);
};
