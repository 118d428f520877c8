import type { ErrorInfo } from '../api/types';

/** An element's error: its code and message, and where to look (file and field). */
export function ErrorDetails({ error }: { error: ErrorInfo }) {
  return (
    <div className="error-details">
      <p>
        <code className="code">{error.code}</code> {error.message}
      </p>
      {(error.file !== undefined || error.field !== undefined) && (
        <p className="muted small">
          {error.file !== undefined && (
            <>
              in <code>{error.file}</code>
            </>
          )}
          {error.field !== undefined && (
            <>
              {' '}
              at field <code>{error.field}</code>
            </>
          )}
        </p>
      )}
    </div>
  );
}
