import type { ElementInfo } from './ElementInfo';

/** The part of the app an element can reach: its siblings, by fullName. */
export interface ElementAppApi {
  readonly name: string;
  getElement<T = unknown>(fullName: string): T;
  listElements(): ElementInfo[];
}
