export { DiskType } from './DiskType';
export { diskRegistration, registrations } from './diskRegistration';
export { diskConfigJsonSchema } from './config/diskConfigJsonSchema';
export { type DiskConfig, diskConfigSchema, DEFAULT_SIGNED_BASE_URL } from './config/diskConfigSchema';
export type * from './storageResults';
