export { DiskType } from './DiskType';
export { diskRegistration, registrations } from './diskRegistration';
export { diskConfigJsonSchema } from './config/diskConfigJsonSchema';
export { type DiskConfig, diskConfigSchema, DEFAULT_SIGNED_BASE_URL } from './config/diskConfigSchema';
// The results shared by every storages.Meta Type live in @mti/core; re-exported so imports from here keep working.
export type { CopyResult, DeleteManyItem, ListItem, ListOptions, ListResult, SignedUpload } from '@mti/core';
export type { SignedRequest, VerifiedRequest } from './signing/SignedRequest';
