import type { PreloadBridge, Transport } from './transport.js';

export function createIpcTransport(bridge: PreloadBridge): Transport {
  return { kind: 'electron', invoke: (method, args) => bridge.invoke(method, args), mediaUrl: (sourceId) => `quarry://app/media/${sourceId}` };
}
