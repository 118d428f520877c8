/** URL pieces of the gateway's routes; element names and keys are always encoded here. */

export const elementPath = (fullName: string): string => `/api/elements/${encodeURIComponent(fullName)}`;

/** A key in a path: each segment encoded, the slashes kept, as the files route expects. */
export const keyPath = (key: string): string => key.split('/').map(encodeURIComponent).join('/');

export const filePath = (fullName: string, key: string): string => `${elementPath(fullName)}/files/${keyPath(key)}`;
