import { useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { getSchema, getSource } from '../api/elementsApi';
import type { ElementSource, TypeSchema } from '../api/types';
import { href } from '../app/route';
import { Failed, Loading } from '../ui/States';
import { ElementEditor } from './ElementEditor';

/**
 * Edits an Instance of the app folder. Literal secrets are not sent to the browser: they are
 * listed in `hiddenSecrets`, shown as kept, and stay as they are on disk unless replaced.
 */
export function EditElementPage({ fullName }: { fullName: string }) {
  const [loaded, setLoaded] = useState<{ source: ElementSource; schema: TypeSchema }>();
  const [failure, setFailure] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoaded(undefined);
    setFailure(undefined);
    (async () => {
      const source = await getSource(fullName);
      const schema = await getSchema(source.type);
      if (live) setLoaded({ source, schema });
    })().catch((error: unknown) => live && setFailure(ApiError.messageOf(error)));
    return () => {
      live = false;
    };
  }, [fullName, attempt]);

  return (
    <section className="page" aria-labelledby="edit-title">
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href={href.elements()}>Elements</a> <span aria-hidden="true">/</span>{' '}
        <a href={href.element(fullName)}>{fullName}</a> <span aria-hidden="true">/</span> <span>Edit</span>
      </nav>
      <h1 id="edit-title">Edit {fullName}</h1>
      {failure !== undefined && (
        <Failed
          title="The element's files could not be read"
          message={failure}
          onRetry={() => setAttempt(attempt + 1)}
        />
      )}
      {loaded === undefined && failure === undefined && <Loading label="Reading the element's files…" />}
      {loaded !== undefined && (
        <>
          <p className="muted">
            Type <a href={href.element(loaded.source.type)}>{loaded.source.type}</a>. Saving rewrites{' '}
            <code>{loaded.source.files.config}</code> and <code>{loaded.source.files.declaration}</code>.
          </p>
          <ElementEditor
            fullName={fullName}
            typeName={loaded.source.type}
            schema={loaded.schema}
            initialTitle={loaded.source.title}
            initialDoc={loaded.source.config ?? {}}
            hiddenSecrets={loaded.source.hiddenSecrets}
          />
        </>
      )}
    </section>
  );
}
