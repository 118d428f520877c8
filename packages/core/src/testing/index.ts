/**
 * `@mti/core/testing`: the contract kit. A behaviour suite any `storages.Meta` Type can run to
 * show it keeps the contract. It runs under jest: it registers its tests with jest's globals
 * (`describe`, `it`, `beforeAll`, …) and asserts with `node:assert`; importing it outside a jest
 * test file is harmless, calling it is an error that says so.
 */
export { describeStorageContract } from './describeStorageContract';
export { optionalFunctions, type OptionalFunction, type OptionalStorage } from './OptionalStorage';
export type {
  ContractRefusals,
  ContractSubject,
  ContractUnenforced,
  StorageContractOptions,
} from './StorageContractOptions';
// For leak checks of one's own: every form a secret can take in an error or a log. The CI log
// scan (.ci/secret-forms.js) looks for exactly these.
export { secretForms } from '../errors/secretForms';
