import { apiJson, jsonBody } from './apiFetch';
import { elementPath } from './paths';
import type { ElementSource, ElementSummary, Kind, SaveResult, TypeSchema } from './types';

const kinds: Record<string, Kind> = { meta: 'Meta', type: 'Type', instance: 'Instance' };

/** Every element; `kind` as the console names it, whatever case the gateway sends it in. */
export const listElements = async (signal?: AbortSignal): Promise<ElementSummary[]> =>
  (await apiJson<ElementSummary[]>('/api/elements', signal === undefined ? {} : { signal })).map((element) => ({
    ...element,
    kind: kinds[String(element.kind).toLowerCase()] ?? element.kind,
  }));

export const getSchema = (fullName: string): Promise<TypeSchema> =>
  apiJson<TypeSchema>(`${elementPath(fullName)}/schema`);

export const getSource = (fullName: string): Promise<ElementSource> =>
  apiJson<ElementSource>(`${elementPath(fullName)}/source`);

export interface SaveRequest {
  type: string;
  title?: string;
  config: Record<string, unknown>;
  keepSecrets?: string[];
}

export const saveSource = (fullName: string, body: SaveRequest): Promise<SaveResult> =>
  apiJson<SaveResult>(`${elementPath(fullName)}/source`, jsonBody('PUT', body));

export const deleteElement = (fullName: string): Promise<{ fullName: string; deleted: true }> =>
  apiJson(elementPath(fullName), { method: 'DELETE' });

/** Calls one of an element's functions with its arguments, as `POST /api/elements/<name>/<fn>` does. */
export const callFunction = <T>(fullName: string, name: string, args: unknown[]): Promise<T> =>
  apiJson<T>(`${elementPath(fullName)}/${encodeURIComponent(name)}`, jsonBody('POST', args));
