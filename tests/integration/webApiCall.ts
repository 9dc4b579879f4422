/** Calls the browser-mode server's API as the renderer does (POST /api/call with the session token). */
import type { ApiResult } from '../../shared/api/result.js';
import { TOKEN_HEADER, type RunningServer } from '../../server/webServer.js';

export function apiCaller(server: () => RunningServer): <T>(method: string, args?: unknown) => Promise<ApiResult<T>> {
  return async <T>(method: string, args: unknown = {}): Promise<ApiResult<T>> => {
    const res = await fetch(`http://127.0.0.1:${server().port}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: server().token },
      body: JSON.stringify({ method, args }),
    });
    return (await res.json()) as ApiResult<T>;
  };
}
