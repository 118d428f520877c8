import { ApiError } from './ApiError';
import { askForToken, tokenToSend } from './tokenStore';

/** Headers every /api request carries: the bearer token when one is known. */
export function authHeaders(): Record<string, string> {
  const token = tokenToSend();
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

/** Reads the gateway's error body; a body that is not JSON still gives a readable message. */
export async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    return new ApiError(response.status, JSON.parse(text) as object);
  } catch {
    return new ApiError(response.status, { message: text || `the gateway answered ${response.status}` });
  }
}

/**
 * fetch for /api: adds the token, and on a 401 asks the person for one (once for all requests
 * refused together), then tries again with it.
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  for (;;) {
    const sent = tokenToSend();
    let response: Response;
    try {
      response = await fetch(path, { ...init, headers: { ...authHeaders(), ...(init.headers ?? {}) } });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError(0, { code: 'NETWORK', message: 'the gateway cannot be reached; is `mti serve` running?' });
    }
    if (response.status !== 401) return response;
    await askForToken(sent !== undefined);
  }
}

/** An /api call whose answer is JSON; a refusal throws an ApiError. */
export async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await apiFetch(path, init);
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

export const jsonBody = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
