import { type FormEvent, useEffect, useState } from 'react';
import { setTokenAsker } from '../api/tokenStore';
import { Modal } from './Modal';

interface Ask {
  refused: boolean;
  resolve(token: string): void;
  reject(error: Error): void;
}

/**
 * Shown when the gateway answers 401: it was started with a token (`mti serve --token` or
 * MTI_TOKEN). The token is kept for this tab only (sessionStorage).
 */
export function TokenDialog() {
  const [ask, setAsk] = useState<Ask>();
  const [value, setValue] = useState('');

  useEffect(() => {
    setTokenAsker(
      (refused) =>
        new Promise<string>((resolve, reject) => {
          setValue('');
          setAsk({ refused, resolve, reject });
        }),
    );
    return () => setTokenAsker(undefined);
  }, []);

  if (ask === undefined) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() === '') return;
    setAsk(undefined);
    ask.resolve(value.trim());
  };
  return (
    <Modal
      title="This gateway needs a token"
      onClose={() => {
        setAsk(undefined);
        ask.reject(new Error('no token was given; the gateway refuses requests without one'));
      }}
    >
      <form className="modal-body stack" onSubmit={submit}>
        {ask.refused ? (
          <p className="callout error" role="alert">
            The gateway refused this token. Check it and try again.
          </p>
        ) : (
          <p>
            <code>mti serve</code> was started with a token. Type it here; it is kept in this tab only.
          </p>
        )}
        <label className="field">
          <span>Token</span>
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            autoFocus
            required
          />
        </label>
        <footer className="modal-foot">
          <button type="submit" className="primary">
            Use this token
          </button>
        </footer>
      </form>
    </Modal>
  );
}
