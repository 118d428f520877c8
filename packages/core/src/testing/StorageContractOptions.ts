import type { ErrorCode } from '../errors/ErrorCode';
import type { StorageMeta } from '../storage/StorageMeta';

/** What `create` hands the suite: the Instance under test, and how to let go of it. */
export interface ContractSubject {
  storage: StorageMeta;
  /**
   * The functions the Instance offers (its class's `static functions`, inherited ones included).
   * Needed when `storage` is an app's handle, whose constructor is not the Type's class:
   * `app.functionsOf('storages.MyS3').keys()`. Default: read from `storage.constructor`.
   */
  offers?: Iterable<string>;
  /** Runs after the suite (close the app, stop a server). */
  cleanup?: () => Promise<void> | void;
}

/**
 * Operations a Type refuses on purpose (a write-once archive refuses to replace and to delete).
 * Declaring one does not skip tests: the suite then checks that every way to do that operation —
 * `delete`, `move`, `deleteMany`, `copy` onto an existing key, a signed PUT — is refused with this
 * code and leaves the stored bytes as they were.
 */
export interface ContractRefusals {
  overwrite?: ErrorCode;
  delete?: ErrorCode;
  /**
   * `getSignUploadForm` refused whatever the arguments, because the service takes no form
   * uploads (Cloudflare R2): the suite checks the refusal's code and key instead of posting forms.
   */
  uploadForm?: ErrorCode;
}

/**
 * What the server behind a Type does not check, said out loud rather than skipped (s3rver checks
 * no precondition and no POST policy; Ceph RGW 16 checks a PutObject's preconditions but not a
 * CompleteMultipartUpload's). Each entry is the reason, shown in the test's name. For each, the
 * suite tests that the gap is really there — a write that should have been refused goes through —
 * so the report says what the server lets pass, and a server that starts checking fails the
 * declaration until it is removed.
 */
export interface ContractUnenforced {
  /** Conditions (`ifNoneMatch`, `ifMatch`) on a write of one request (a small upload) are not checked by the server. */
  preconditions?: string;
  /**
   * Conditions on the request that completes a write in parts are not checked: the Type's own
   * check before the parts is all there is, so a write landing meanwhile is replaced.
   */
  multipartPreconditions?: string;
  /** The size and Content-Type of `getSignUploadForm`'s policy are not checked by the server. */
  formPolicy?: string;
}

export interface StorageContractOptions {
  /** Builds the Instance under test, once for the suite. */
  create: () => Promise<ContractSubject>;
  /**
   * The optional functions (beyond the five of `storages.Meta`) whose tests to register, e.g.
   * `functionsOf(MyType).keys()`. jest registers tests before any Instance exists, so the suite
   * is told up front; its first test checks the list against the Instance's class, so a Type
   * cannot drop a function it offers by leaving it out here. Default: none.
   */
  functions?: Iterable<string>;
  /**
   * Whether the Type reads byte ranges: `download(name, { range })` and, when it offers it,
   * `downloadStream(name, range)` (`offersRanges(functionsOf(MyType))` says whether it declares
   * them). Optional in `storages.Meta`, so the range tests run only when this is true; the first
   * tests check it against what the Instance does, so a Type that reads ranges cannot skip them.
   * Default: false.
   */
  ranges?: boolean;
  /**
   * Whether the Type takes conditional writes: `uploadByFile(…, { ifNoneMatch: '*' })` (create
   * only) and `{ ifMatch: etag }` (replace only that version), and the same options on `copy`
   * when it offers it; a condition that does not hold is CONFLICT naming the key. Optional in
   * `storages.Meta`, so their tests run only when this is true; the first tests check it against
   * what the Instance does, so a Type that enforces them cannot skip them. What the server does
   * not check goes in `unenforced`. The test of a write landing during an upload needs the Type
   * to report progress (`onProgress`) before a stream of `largeSize` bytes ends, as both official
   * Types do once a part is stored: `largeSize` must exceed the Type's part size.
   * Default: false.
   */
  conditionalWrites?: boolean;
  /** What the server does not check, each with its reason; see ContractUnenforced. */
  unenforced?: ContractUnenforced;
  /** Where this suite's keys live; each test takes its own folder below it. Default `mti-contract`. */
  namespace?: string;
  /** Bytes for the large upload tests. Default 3 MiB; above a Type's part size tests its multipart path. */
  largeSize?: number;
  /** Parallel uploads, then downloads, in the concurrency test. Default 32. */
  concurrency?: number;
  /** Operations the Type refuses by design; see ContractRefusals. */
  refuses?: ContractRefusals;
  /**
   * Removes keys the Instance itself will not delete (needed with `refuses.delete`), e.g. through
   * a plain Instance of the parent Type on the same bucket. Default: the Instance's `delete`.
   */
  remove?: (keys: string[]) => Promise<void>;
  /** Per-test timeout in ms. Default 30 000. */
  timeout?: number;
}
