import { useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError';
import type { StorageApi } from '../api/storageApi';
import type { ObjectInfo } from '../api/types';
import { Loading } from '../ui/States';
import { MediaPreview } from './MediaPreview';
import { PDF_PREVIEW_BYTES, PdfPreview } from './pdf/PdfPreview';
import { previewKind } from './previewKind';
import { readTextStart } from './readTextStart';

/**
 * A look at the object: images, the start of text files (always as text, never as a page), PDFs
 * drawn by pdf.js (never in a frame), audio and video (which seek with ranged requests). Through
 * a short-lived link, which needs no token, so <img> and <video> can load it.
 */
export function Preview({ api, info }: { api: StorageApi; info: ObjectInfo }) {
  const found = previewKind(info.contentType, info.key);
  const kind = found === 'pdf' && info.size > PDF_PREVIEW_BYTES ? 'none' : found;
  const [url, setUrl] = useState<string>();
  const [text, setText] = useState<{ text: string; cut: boolean }>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    setUrl(undefined);
    setText(undefined);
    setFailure(undefined);
    if (kind === 'none') return;
    const controller = new AbortController();
    (async () => {
      const link = await api.link(info.key, 'inline');
      if (controller.signal.aborted) return;
      if (kind === 'text') setText(await readTextStart(link.url, controller.signal));
      else setUrl(link.url);
    })().catch((error: unknown) => !controller.signal.aborted && setFailure(ApiError.messageOf(error)));
    return () => controller.abort();
  }, [api, info.key, info.etag, kind]);

  if (kind === 'none')
    return (
      <p className="muted preview-none">
        {found === 'pdf'
          ? 'This PDF is too large to preview; download it instead.'
          : `No preview for ${info.contentType || 'this type'}.`}
      </p>
    );
  if (failure) return <p className="callout error">The preview could not be loaded: {failure}</p>;
  if (url === undefined && text === undefined) return <Loading label="Loading the preview…" />;
  return (
    <div className="preview" aria-label="Preview">
      {kind === 'image' && url && <img src={url} alt={`Preview of ${info.key}`} />}
      {kind === 'pdf' && url && <PdfPreview url={url} name={info.key} />}
      {(kind === 'video' || kind === 'audio') && url && (
        <MediaPreview
          key={url}
          kind={kind}
          url={url}
          label={`Preview of ${info.key}`}
          relink={() => api.link(info.key, 'inline').then((link) => link.url)}
        />
      )}
      {kind === 'text' && text && (
        <>
          <pre className="text-preview" tabIndex={0} aria-label={`Start of ${info.key}`}>
            {text.text}
          </pre>
          {text.cut && <p className="muted small">Only the first 256 KiB are shown.</p>}
        </>
      )}
    </div>
  );
}
