import { argumentsContract } from './argumentsContract';
import { concurrencyContract } from './concurrencyContract';
import { conditionalWritesContract } from './conditionalWritesContract';
import { ContractContext } from './ContractContext';
import { copyMoveContract } from './copyMoveContract';
import { declarationContract } from './declarationContract';
import { deleteContract } from './deleteContract';
import { deleteManyContract } from './deleteManyContract';
import { jestGlobals } from './jestGlobals';
import { keysContract } from './keysContract';
import { listContract } from './listContract';
import { rangesContract } from './rangesContract';
import { readContract } from './readContract';
import { refusalsContract } from './refusalsContract';
import { signUploadContract } from './signUploadContract';
import { signUrlContract } from './signUrlContract';
import { sizesContract } from './sizesContract';
import type { StorageContractOptions } from './StorageContractOptions';
import { streamExistsContract } from './streamExistsContract';
import { uploadContract } from './uploadContract';
import { uploadFormContract } from './uploadFormContract';

/**
 * Registers the `storages.Meta` behaviour suite under `describe(title)`: call it at the top level
 * of a jest test file. One Instance serves the whole suite; every test works in its own key folder
 * under a random namespace and removes what it wrote, so suites may share a bucket.
 */
export function describeStorageContract(title: string, options: StorageContractOptions): void {
  const jest = jestGlobals();
  const ctx = new ContractContext(options, jest);
  jest.describe(title, () => {
    ctx.register();
    declarationContract(ctx);
    // The five of storages.Meta.
    uploadContract(ctx);
    readContract(ctx);
    deleteContract(ctx);
    signUrlContract(ctx);
    argumentsContract(ctx);
    keysContract(ctx);
    sizesContract(ctx);
    concurrencyContract(ctx);
    // The optional functions: each group registers a todo line when it is not offered.
    streamExistsContract(ctx);
    // Optional too, when the suite is told the Type reads them (`ranges`).
    rangesContract(ctx);
    listContract(ctx);
    copyMoveContract(ctx);
    deleteManyContract(ctx);
    signUploadContract(ctx);
    uploadFormContract(ctx);
    // Optional too, when the suite is told the Type takes them (`conditionalWrites`).
    conditionalWritesContract(ctx);
    refusalsContract(ctx);
  });
}
