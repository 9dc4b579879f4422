import type { ApiResult } from '../../shared/api/result.js';
import type { Transport } from './transport.js';

const TOKEN_KEY = 'quarry.token';

/** Takes the per-launch token from the URL (#token=…) once, then keeps it for reloads of this tab only. */
export function readToken(): string {
  const match = /(?:^|[#&])token=([0-9a-f]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createHttpTransport(token: string): Transport {
  return {
    kind: 'web',
    // <audio src> cannot send the token header, so it rides in the query (loopback only, never sent elsewhere: no-referrer).
    mediaUrl: (sourceId) => `/media/${sourceId}?t=${encodeURIComponent(token)}`,
    async invoke(method, args) {
      let res: Response;
      try {
        res = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Quarry-Token': token },
          body: JSON.stringify({ method, args }),
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Quarry is not running any more (the connection to it was lost).' } };
      }
      if (res.status === 401) {
        return { ok: false, error: { code: 'bad_request', message: 'This page has no valid session token. Open the address Quarry printed when it started.' } };
      }
      return (await res.json()) as ApiResult<unknown>;
    },
  };
}
