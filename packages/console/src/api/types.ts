/** What the gateway says about errors, elements and storage objects (docs: /tmp/spec/console-api.md). */

export interface ErrorInfo {
  code: string;
  message: string;
  element?: string;
  file?: string;
  field?: string;
  issues?: { path: string; message: string }[];
}

export type Kind = 'Meta' | 'Type' | 'Instance';

export interface ElementFunction {
  name: string;
  params: string[];
}

export interface ElementSummary {
  fullName: string;
  title: string;
  kind: Kind;
  type: string;
  /** The Meta the element's chain ends in (its family); absent when the chain is broken. */
  meta?: string;
  status: 'ready' | 'error';
  error?: ErrorInfo;
  origin: 'builtin' | 'app';
  overrides?: string;
  functions?: ElementFunction[];
}

export interface TypeSchema {
  fullName: string;
  jsonSchema: JsonSchema | null;
  secretFields: string[];
}

/** The parts of JSON Schema (2020-12, as zod writes it) the form understands. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  title?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  [key: string]: unknown;
}

export interface ElementSource {
  fullName: string;
  type: string;
  title: string;
  files: { declaration: string; config: string };
  declaration: Record<string, unknown>;
  config: Record<string, unknown> | null;
  hiddenSecrets: string[];
}

export interface SaveResult {
  fullName: string;
  created: boolean;
  files: { declaration: string; config: string };
}

export interface ListItem {
  key: string;
  size: number;
  etag: string;
  lastModified?: string;
  storageClass: string;
}

export interface ListPage {
  items: ListItem[];
  prefixes: string[];
  nextCursor?: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  contentType: string;
  etag: string;
  lastModified: string;
  metadata: Record<string, string>;
  storageClass: string;
}

export interface ReloadEvent {
  fullName: string;
  status: string;
  ms?: number;
  error?: ErrorInfo;
}
