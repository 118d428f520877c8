export type ElementKind = 'meta' | 'type' | 'instance';
