import type { ElementSummary } from '../api/types';

/** What the storage browser may offer: only what the Instance's functions allow. */
export interface Actions {
  list: boolean;
  upload: boolean;
  download: boolean;
  share: boolean;
  move: boolean;
  copy: boolean;
  delete: boolean;
  details: boolean;
}

export function actionsOf(element: ElementSummary): Actions {
  // A gateway from before `functions` was listed: assume the storage Meta's full set.
  const names = element.functions === undefined ? undefined : new Set(element.functions.map((fn) => fn.name));
  const has = (name: string) => names === undefined || names.has(name);
  return {
    list: has('list'),
    upload: has('uploadByFile'),
    download: has('downloadStream') || has('download'),
    share: has('getSignUrl'),
    move: has('move'),
    copy: has('copy'),
    delete: has('deleteMany'),
    details: has('getObject'),
  };
}
