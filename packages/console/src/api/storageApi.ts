import { apiJson, jsonBody } from './apiFetch';
import { callFunction } from './elementsApi';
import { elementPath } from './paths';
import type { ListPage, ObjectInfo } from './types';

/** The storage functions the browser uses, over the gateway's function-call route. */
export const storageApi = (fullName: string) => ({
  list: (prefix: string, limit: number, cursor?: string) =>
    callFunction<ListPage>(fullName, 'list', [prefix, { delimiter: '/', limit, ...(cursor ? { cursor } : {}) }]),
  getObject: (key: string) => callFunction<ObjectInfo>(fullName, 'getObject', [key]),
  getSignUrl: (key: string, contentType: string, expires: number) =>
    callFunction<string>(fullName, 'getSignUrl', [key, contentType, expires]),
  copy: (from: string, to: string) => callFunction<unknown>(fullName, 'copy', [from, to]),
  move: (from: string, to: string) => callFunction<unknown>(fullName, 'move', [from, to]),
  deleteMany: (keys: string[]) =>
    callFunction<{ key: string; deleted: boolean; error?: { message: string } }[]>(fullName, 'deleteMany', [keys]),
  /** A short-lived URL that needs no token, for <img>, <iframe> and downloads. */
  link: (key: string, disposition: 'inline' | 'attachment') =>
    apiJson<{ url: string; expiresAt: string }>(
      `${elementPath(fullName)}/links`,
      jsonBody('POST', { key, disposition }),
    ),
});

export type StorageApi = ReturnType<typeof storageApi>;
