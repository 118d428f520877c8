/** Where an element's files are, relative to the app folder, `/`-separated. */
export interface ElementFiles {
  folder: string;
  declaration: string;
  config: string;
}

/** `storages.MyS3` → `storages/MyS3`, `storages/MyS3/e.json`, `storages/MyS3/MyS3.json`. */
export function elementFiles(fullName: string): ElementFiles {
  const segments = fullName.split('.');
  const leaf = segments[segments.length - 1] as string;
  const folder = segments.join('/');
  return { folder, declaration: `${folder}/e.json`, config: `${folder}/${leaf}.json` };
}
