import { pipeline } from 'node:stream';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { ErrorCode } from '@mti/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { boundBytes } from '../boundBytes';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { tokenFree } from '../guard/tokenFree';
import { lingeringClose } from '../lingeringClose';
import { LINGER_MS, takeUploadSlot, type UploadLimits } from '../receiveUpload';
import type { GatewayStorage } from '../sendObject';
import { storageElement } from '../storageElement';
import { watchBodyIdle } from '../watchBodyIdle';

type FormRequest = FastifyRequest<{ Params: { fullName: string; '*': string } }>;

/**
 * A storage whose Type signs upload forms for the gateway to answer (`storages.DiskType`): it
 * checks a form's fields and says where the file goes, as which Content-Type, within which sizes.
 */
type FormStorage = GatewayStorage & {
  verifySignedForm?: (request: {
    key: string;
    fields: Record<string, unknown>;
  }) => Promise<{ key: string; contentType: string; minBytes: number; maxBytes: number }>;
};

/** What the form's fields and boundaries may add to the file's own bytes before the body counts as too large. */
const FORM_SLACK_BYTES = 64 * 1024;

/**
 * `POST /api/signed/<fullName>/<key>` with multipart/form-data: a browser upload form signed by
 * the element (`getSignUploadForm`), answered as S3 answers a POST policy. The fields come first;
 * at the file (a field named `file`) the element checks them (`verifySignedForm`: signature,
 * expiry, the Content-Type field), and the file streams into `uploadByFile` — never buffered —
 * through a bound on its size: past `maxBytes` it is refused with 413 `EntityTooLarge`, short of
 * `minBytes` with 400 `EntityTooSmall`, and in both cases the storage discards what it received
 * (the failure reaches it as an error, not an end). A refused signature is 403 before any of the
 * file is read. No bearer token (the signature is the credential); the Host/Origin guard and the
 * gateway's upload limits apply as to every upload.
 *
 * Registered in a scope of its own: @fastify/multipart's parser applies to this route only.
 */
export function signedFormRoute(
  fastify: FastifyInstance,
  app: GatewayApp,
  uploadLimit: number,
  limits: UploadLimits,
): void {
  void fastify.register(async (scope) => {
    await scope.register(multipart, {
      // The form's own bound (maxBytes) is applied as the file streams (boundBytes); the parser's
      // is the gateway's limit, one byte over so a file cut short by it shows as truncated.
      throwFileSizeLimit: false,
      limits: { fileSize: uploadLimit + 1, fields: 32, fieldSize: 8 * 1024, fieldNameSize: 200, parts: 64 },
    });
    scope.post('/api/signed/:fullName/*', { config: tokenFree }, (request: FormRequest, reply) =>
      receiveForm(request, reply, app, uploadLimit, limits),
    );
  });
}

async function receiveForm(
  request: FormRequest,
  reply: FastifyReply,
  app: GatewayApp,
  uploadLimit: number,
  limits: UploadLimits,
): Promise<FastifyReply> {
  let storage: FormStorage;
  try {
    const fullName = checkFullName(request.params.fullName);
    storage = storageElement<FormStorage>(app, fullName);
    if (typeof storage.verifySignedForm !== 'function')
      throw new GatewayError(ErrorCode.NOT_FOUND, `${fullName} answers no signed upload forms`, 404, {
        element: fullName,
      });
    if (!request.isMultipart())
      throw new GatewayError(
        ErrorCode.INVALID_ARGUMENT,
        'a signed upload form is POSTed as multipart/form-data: its fields, then the file',
        415,
      );
  } catch (error) {
    // Refused without reading the body, whose sender may not be who signed.
    lingeringClose(request.raw, LINGER_MS);
    throw error;
  }
  const declared = Number(request.headers['content-length']);
  const known = request.headers['content-length'] !== undefined && Number.isFinite(declared);
  if (known && declared > uploadLimit + FORM_SLACK_BYTES)
    throw new GatewayError(ErrorCode.INVALID_ARGUMENT, `upload larger than the limit of ${uploadLimit} bytes`, 413);
  const release = takeUploadSlot(request, reply, limits.slots, known ? declared : undefined);
  if (release === undefined) return reply;
  let failure: GatewayError | undefined;
  let abandon: ((error: GatewayError) => void) | undefined;
  const stopWatching =
    limits.bodyTimeout > 0
      ? watchBodyIdle(request.raw, limits.bodyTimeout, () => {
          failure = new GatewayError(
            ErrorCode.TIMEOUT,
            `the upload body sent nothing for ${limits.bodyTimeout} ms; the upload was abandoned`,
            408,
          );
          if (abandon !== undefined) abandon(failure);
          else request.raw.destroy(failure);
        })
      : () => {};
  try {
    const fields: Record<string, unknown> = {};
    let stored: { etag: string } | undefined;
    for await (const part of request.parts()) {
      if (stored !== undefined) {
        // As S3 does, whatever follows the file is ignored (and read, so the request ends).
        if (part.type === 'file') part.file.resume();
        continue;
      }
      if (part.type === 'field') {
        // The first value of a field counts, as in S3's form handling.
        if (!Object.hasOwn(fields, part.fieldname)) fields[part.fieldname] = part.value;
        continue;
      }
      stored = await storeFile(request, storage, part, fields, uploadLimit, (cancel) => (abandon = cancel));
    }
    if (stored === undefined)
      throw new GatewayError(
        ErrorCode.INVALID_ARGUMENT,
        'the form sent no file: send its fields, then the file in a field named "file"',
        400,
        { field: 'file' },
      );
    return reply.header('etag', stored.etag).send(stored);
  } catch (error) {
    throw failure ?? error;
  } finally {
    stopWatching();
    release();
  }
}

/** Checks the fields read so far, then streams the file into the storage within the form's bounds. */
async function storeFile(
  request: FormRequest,
  storage: FormStorage,
  part: MultipartFile,
  fields: Record<string, unknown>,
  uploadLimit: number,
  onStreaming: (cancel: (error: GatewayError) => void) => void,
): Promise<{ etag: string }> {
  let verified: Awaited<ReturnType<NonNullable<FormStorage['verifySignedForm']>>>;
  try {
    if (part.fieldname !== 'file')
      throw new GatewayError(
        ErrorCode.INVALID_ARGUMENT,
        `the form's file must be in a field named "file", after every other field (got "${part.fieldname}")`,
        400,
        { field: 'file' },
      );
    verified = await (storage.verifySignedForm as NonNullable<FormStorage['verifySignedForm']>)({
      key: request.params['*'],
      fields: { ...fields },
    });
  } catch (error) {
    lingeringClose(request.raw, LINGER_MS);
    throw error;
  }
  const max = Math.min(verified.maxBytes, uploadLimit);
  let refusal: GatewayError | undefined;
  const bounded = boundBytes(verified.minBytes, max, () => part.file.truncated, {
    tooLarge: () =>
      (refusal = new GatewayError(
        ErrorCode.INVALID_ARGUMENT,
        `EntityTooLarge: the file is larger than the form allows (${max} bytes); nothing was stored`,
        413,
        { field: 'file' },
      )),
    tooSmall: () =>
      (refusal = new GatewayError(
        ErrorCode.INVALID_ARGUMENT,
        `EntityTooSmall: the file is smaller than the form allows (${verified.minBytes} bytes); nothing was stored`,
        400,
        { field: 'file' },
      )),
  });
  onStreaming((error) => bounded.destroy(error));
  pipeline(part.file, bounded, () => {});
  try {
    return await storage.uploadByFile(verified.key, bounded, verified.contentType);
  } catch (error) {
    throw refusal ?? error;
  }
}
