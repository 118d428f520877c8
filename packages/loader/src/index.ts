export { loadApp } from './loadApp';
export { LoadedApp, type LoaderErrorEvent, type ReloadEvent } from './LoadedApp';
export type { LoadAppOptions } from './LoadAppOptions';
export { findElementFolders } from './scan/findElementFolders';
export { SHARED_PACKAGES } from './code/sharedModules';
export { MAX_CONFIG_BYTES, readJsonFile } from './scan/readJsonFile';
