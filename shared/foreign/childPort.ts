/**
 * The child side of a killable helper process (the merge's reader, the REFI
 * worker). Electron's utility process (the desktop app) talks through
 * process.parentPort; a forked Node child through process.send.
 */

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

export function postToParent(message: unknown): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

/** Calls `handler` with each message from the parent. */
export function onParentMessage(handler: (message: unknown) => void): void {
  if (parentPort) {
    parentPort.on('message', (e) => handler(e.data));
  } else {
    process.on('message', handler);
    // The parent went away: nothing is left to answer.
    process.on('disconnect', () => process.exit(0));
  }
}
