export { loadApp } from './loadApp';
export { LoadedApp, type LoaderErrorEvent, type ReloadEvent } from './LoadedApp';
export type { LoadAppOptions } from './LoadAppOptions';
export { findElementFolders } from './scan/findElementFolders';
