import type { NamingRequest, NamingResponse } from '../protocol.js';
import { compliantNames } from './compliant-names.js';

/**
 * Names files off the page's thread: the transliterators' tables (600 KB of code) are parsed and set up here, so
 * that the page shows at once and stays responsive while they load.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<NamingRequest>) => void) | null;
  postMessage(message: NamingResponse): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data: request }) => {
  scope.postMessage({ id: request.id, names: compliantNames(request.names, request.target) });
};
