import type { PreloadBridge, Transport } from './transport.js';

export function createIpcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    invoke: (method, args) => bridge.invoke(method, args),
    // The app protocol serves every window, so the URL names the project whose recording it is.
    mediaUrl: (sourceId, projectPath) => `quarry://app/media/${sourceId}?project=${encodeURIComponent(projectPath)}`,
  };
}
