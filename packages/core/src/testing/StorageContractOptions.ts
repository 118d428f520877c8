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
