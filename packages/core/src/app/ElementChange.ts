import type { ElementError } from '../errors/ElementError';

/** What `App.update` did to one element. */
export interface ElementChange {
  fullName: string;
  status: 'ready' | 'error' | 'removed';
  error?: ElementError;
}
