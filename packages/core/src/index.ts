import 'reflect-metadata';

export { z } from 'zod';

export { App } from './app/App';
export type { ConfigSchemaInfo } from './app/ConfigSchemaInfo';
export { createApp } from './app/createApp';
export type { CreateAppOptions } from './app/CreateAppOptions';
export type { ElementChange } from './app/ElementChange';
export { wasHandedToCaller } from './app/handedToCaller';

export { checkConfigDepth, MAX_CONFIG_DEPTH } from './config/checkConfigDepth';
export { formatIssues, type FieldIssue } from './config/formatIssues';
export { interpolateEnv } from './config/interpolateEnv';
export { REDACTED, redactCopy, redactedView } from './config/redactedView';

export { declarationSchema, type Declaration } from './declaration/declarationSchema';
export { eJsonSchema } from './declaration/eJsonSchema';
export { fullNamePattern, segmentPattern } from './declaration/fullNamePattern';
export { parseDeclaration } from './declaration/parseDeclaration';
export { toFullName } from './declaration/toFullName';

export { Element } from './element/Element';
export type { ElementAppApi } from './element/ElementAppApi';
export type { ElementClass } from './element/ElementClass';
export type { ElementContext } from './element/ElementContext';
export type { ElementFunction, ElementFunctions } from './element/ElementFunctions';
export { functionsOf } from './element/functionsOf';
export type { ElementInfo } from './element/ElementInfo';
export type { ElementKind } from './element/ElementKind';
export type { ElementRecord } from './element/ElementRecord';
export type { ElementRegistration } from './element/ElementRegistration';

export { ElementError, type ElementErrorOptions } from './errors/ElementError';
export { ElementNotFoundError } from './errors/ElementNotFoundError';
export { ErrorCode } from './errors/ErrorCode';
export {
  appJsonChanged,
  codeOutsideApp,
  configFileTooLarge,
  configIssues,
  entryOutsideApp,
  invalidConfig,
  invalidJson,
  missingAppFolder,
  noTypeClass,
  notAFile,
  notAJsonObject,
  typeCodeFailed,
  typeCodeRefused,
  typePackageProblem,
  unreadableFile,
  unreadableFolder,
  type ConfigPlace,
  type InvalidConfigOptions,
} from './errors/invalidConfig';
export { scrubSecrets } from './errors/scrubSecrets';
export { StorageError, type StorageErrorOptions } from './errors/StorageError';

export { sha256Hex } from './hash/sha256Hex';

export { createDebugLogger } from './logging/createDebugLogger';
export type { Logger } from './logging/Logger';
export { type OperationTrace, operationTrace } from './logging/operationTrace';

export { argumentProblem, type ArgumentProblem } from './storage/argumentProblem';
export { fromCheckedCursor, toCheckedCursor } from './storage/checkedCursor';
export { bareEtag, conditionFailure, hasConditions } from './storage/conditionFailure';
export { copyOptionsProblem } from './storage/copyOptionsProblem';
export { delimiterProblem } from './storage/delimiterProblem';
export { downloadOptionsProblem } from './storage/downloadOptionsProblem';
export { downloadTargetProblem } from './storage/downloadTargetProblem';
export {
  downloadToFileProblem,
  MAX_DOWNLOAD_CONCURRENCY,
  MAX_DOWNLOAD_PART_SIZE_MIB,
} from './storage/downloadToFileProblem';
export type * from './storage/downloadToFileTypes';
export { expiresProblem, MAX_EXPIRES_SECONDS } from './storage/expiresProblem';
export { contentDispositionProblem, headerValueProblem, nonAsciiCharacter } from './storage/headerValueProblem';
export { listOptionsProblem } from './storage/listOptionsProblem';
export { MAX_METADATA_BYTES, metadataProblem } from './storage/metadataProblem';
export { offersRanges } from './storage/offersRanges';
export { optionalStorageFunctions } from './storage/optionalStorageFunctions';
export { prefixSchema, type PrefixRules } from './storage/prefixSchema';
export { rangeProblem } from './storage/rangeProblem';
export { signedUpload } from './storage/signedUpload';
export { StorageMeta, type ErrorDescription } from './storage/StorageMeta';
export { storagesMeta } from './storage/storagesMeta';
export type * from './storage/storageResults';
export type * from './storage/storageTypes';
export { toUploadBody, type UploadBody } from './storage/toUploadBody';
export { MAX_FORM_BYTES, uploadFormProblem } from './storage/uploadFormProblem';
export type * from './storage/uploadFormTypes';
export { uploadOptionsProblem } from './storage/uploadOptionsProblem';
export { keyBytesProblem, keyProblem, MAX_KEY_BYTES } from './storage/validateKey';
export { writeConditionsProblem } from './storage/writeConditionsProblem';
