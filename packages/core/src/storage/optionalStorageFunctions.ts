import type { ElementFunctions } from '../element/ElementFunctions';

/**
 * The functions beyond the seed's five that the official storage Types offer, with their
 * parameter names and order: one table, so every Type that offers them offers them alike.
 */
export const optionalStorageFunctions: ElementFunctions = {
  downloadStream: { params: ['name'] },
  exists: { params: ['name'] },
  list: { params: ['prefix?', 'options?'] },
  copy: { params: ['from', 'to'] },
  move: { params: ['from', 'to'] },
  deleteMany: { params: ['names'] },
  getSignUploadUrl: { params: ['file', 'contentType', 'expires?'] },
  getUrl: { params: ['name'] },
};
