import type { ElementFunctions } from '../element/ElementFunctions';

/**
 * The functions beyond the seed's five that the official storage Types offer, with their
 * parameter names and order: one table, so every Type that offers them offers them alike. It
 * also redeclares the seed's `download` with its optional last argument, `options` (`{ range }`),
 * and gives `downloadStream` its `range`: the Types that spread this table read byte ranges
 * (`offersRanges`), and the gateway's call route takes those arguments.
 */
export const optionalStorageFunctions: ElementFunctions = {
  download: { params: ['name', 'options?'] },
  downloadStream: { params: ['name', 'range?'] },
  exists: { params: ['name'] },
  list: { params: ['prefix?', 'options?'] },
  copy: { params: ['from', 'to', 'options?'] },
  move: { params: ['from', 'to'] },
  deleteMany: { params: ['names'] },
  getSignUploadUrl: { params: ['file', 'contentType', 'expires?'] },
  getSignUploadForm: { params: ['file', 'contentType', 'options'] },
  getUrl: { params: ['name'] },
};
