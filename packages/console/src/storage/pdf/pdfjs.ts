import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// pdf.js, loaded only when a PDF is previewed (it is several times the console's own size). Its
// worker is a file of the build, served from /assets like the rest: the page's CSP lets workers
// come from its own origin only.
pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export { pdfjs };
