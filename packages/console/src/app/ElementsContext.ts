import { createContext, useContext } from 'react';
import type { Connection } from '../api/subscribeEvents';
import type { ElementSummary, ReloadEvent } from '../api/types';

export interface ElementsState {
  elements: ElementSummary[] | undefined;
  loading: boolean;
  error: string | undefined;
  connection: Connection;
  refresh(): Promise<void>;
  /** Listens to the app's `reload` events; returns the function that stops listening. */
  onReload(listener: (event: ReloadEvent) => void): () => void;
}

export const ElementsContext = createContext<ElementsState | undefined>(undefined);

/** The element list and its live state, shared by every view. */
export function useElements(): ElementsState {
  const state = useContext(ElementsContext);
  if (state === undefined) throw new Error('useElements outside ElementsProvider');
  return state;
}
