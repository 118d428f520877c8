import { isAbsolute } from 'node:path';
import { prefixSchema, z } from '@mti/core';
import { RESERVED_SEGMENT_START } from '../fs/diskKeys';

export const DEFAULT_SIGNED_BASE_URL = 'http://127.0.0.1:3000';

/** Business config of `storages.DiskType` Instances. */
export const diskConfigSchema = z.strictObject({
  // Core strips it before validation; listed so editors accept it in MyDisk.json.
  $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
  rootDir: z
    .string()
    .trim()
    .min(1)
    .refine(isAbsolute, {
      message:
        'must be an absolute path (an Instance is not told its app folder, so a relative one would depend on the working folder); write it out or take it from a variable, e.g. "${DATA_DIR}"',
    })
    .describe('Absolute path of the folder that holds the objects; made on the first upload if missing.'),
  signingSecret: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')
    .optional()
    .describe('Secret the signed URLs are signed with (HMAC-SHA256); needed by getSignUrl and getSignUploadUrl.'),
  signedBaseUrl: z
    .url({ protocol: /^https?$/ })
    .default(DEFAULT_SIGNED_BASE_URL)
    .describe(
      'Where `mti serve` is reached; signed URLs are <signedBaseUrl>/api/signed/<element>/<key>. Default http://127.0.0.1:3000.',
    ),
  publicBaseUrl: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe(
      'A web server that serves rootDir as it is (nginx, a CDN): the unsigned url of uploads and getUrl. Without it they are file: URLs.',
    ),
  // Read as every storage Type reads it, plus the disk's own rule: no segment may start with
  // ".mti-", the names this Type keeps for its temporary files and its metadata folder.
  prefix: prefixSchema({ whole: 'rootDir', reservedStart: RESERVED_SEGMENT_START })
    .optional()
    .describe('Key prefix this element lives under (a subfolder of rootDir); slashes around it are trimmed.'),
  fsync: z
    .boolean()
    .default(true)
    .describe('Flush each written file and its folder to the device before the write reports success.'),
});

export type DiskConfig = z.output<typeof diskConfigSchema>;
