import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/ApiError';
import { Loading } from '../../ui/States';

/** PDFs larger than this are not previewed: pdf.js holds the whole file in memory. */
export const PDF_PREVIEW_BYTES = 32 * 1024 * 1024;

/**
 * A PDF drawn by pdf.js onto a canvas, a page at a time. Chromium refuses its own PDF viewer in
 * a sandboxed frame, and an unsandboxed frame of an object would lean on the object's headers
 * alone; here the bytes are only data to pdf.js: the document's scripts never run (the display
 * API has no scripting without the viewer's sandbox, which is not loaded), its links are not
 * drawn as links, and pdf.js 6 has no eval path at all (the console's CSP, without
 * 'unsafe-eval', would stop one anyway).
 */
export function PdfPreview({ url, name }: { url: string; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy>();
  const [pageNumber, setPageNumber] = useState(1);
  const [drawn, setDrawn] = useState(0);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    setDoc(undefined);
    setPageNumber(1);
    setFailure(undefined);
    const controller = new AbortController();
    let task: PDFDocumentLoadingTask | undefined;
    (async () => {
      const [{ pdfjs }, response] = await Promise.all([import('./pdfjs'), fetch(url, { signal: controller.signal })]);
      if (!response.ok) throw new Error(`the file could not be read (${response.status})`);
      const data = new Uint8Array(await response.arrayBuffer());
      if (controller.signal.aborted) return;
      // No cMapUrl, standardFontDataUrl or wasmUrl: nothing is fetched beyond the file itself.
      task = pdfjs.getDocument({ data, enableXfa: false, useWasm: false });
      const loaded = await task.promise;
      if (!controller.signal.aborted) setDoc(loaded);
    })().catch((error: unknown) => !controller.signal.aborted && setFailure(ApiError.messageOf(error)));
    return () => {
      controller.abort();
      void task?.destroy();
    };
  }, [url]);

  useEffect(() => {
    const target = canvas.current;
    if (doc === undefined || target === null) return;
    let render: RenderTask | undefined;
    let live = true;
    (async () => {
      const page = await doc.getPage(pageNumber);
      // As wide as the space it has (at the screen's pixel density), never wider than 1,000 px.
      const width = Math.min(target.parentElement?.clientWidth || 600, 1000);
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (width / page.getViewport({ scale: 1 }).width) * ratio });
      if (!live) return;
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      render = page.render({ canvas: target, viewport });
      await render.promise;
      if (live) setDrawn(pageNumber);
    })().catch((error: unknown) => live && setFailure(ApiError.messageOf(error)));
    return () => {
      live = false;
      render?.cancel();
    };
  }, [doc, pageNumber]);

  if (failure) return <p className="callout error">The PDF could not be shown: {failure}</p>;
  const pages = doc?.numPages ?? 0;
  return (
    <div className="pdf-preview">
      {drawn !== pageNumber && <Loading label={doc ? `Drawing page ${pageNumber}…` : 'Opening the PDF…'} />}
      <canvas
        ref={canvas}
        className="pdf-page"
        role="img"
        aria-label={`Page ${pageNumber} of ${pages} of ${name}`}
        aria-busy={drawn !== pageNumber}
        hidden={doc === undefined}
      />
      {pages > 1 && (
        <nav className="pager" aria-label="PDF pages">
          <button type="button" disabled={pageNumber <= 1} onClick={() => setPageNumber((n) => n - 1)}>
            Previous page
          </button>
          <span>
            Page {pageNumber} of {pages}
          </span>
          <button type="button" disabled={pageNumber >= pages} onClick={() => setPageNumber((n) => n + 1)}>
            Next page
          </button>
        </nav>
      )}
    </div>
  );
}
