// The gateway token lives in sessionStorage: it survives a reload of the tab, not the tab itself,
// and is never written anywhere the next visitor of this browser profile would find it.
const KEY = 'mti.token';

type Asker = (refused: boolean) => Promise<string>;

let asker: Asker | undefined;
let pending: Promise<string> | undefined;

export function currentToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // Storage disabled: the token then lasts as long as this page.
  }
  memoryToken = token;
}

let memoryToken: string | undefined;

/** The token to send: the stored one, or the one typed in this page when storage is off. */
export function tokenToSend(): string | undefined {
  return currentToken() ?? memoryToken;
}

/** The dialog registers itself here; requests that get a 401 wait on it. */
export function setTokenAsker(next: Asker | undefined): void {
  asker = next;
}

/**
 * Asks for a token once, however many requests were refused at the same moment: they all wait
 * for the same answer. `refused` says a token was sent and the gateway turned it down.
 */
export function askForToken(refused: boolean): Promise<string> {
  if (asker === undefined) return Promise.reject(new Error('the gateway needs a token'));
  pending ??= asker(refused).then(
    (token) => {
      pending = undefined;
      saveToken(token);
      return token;
    },
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}
