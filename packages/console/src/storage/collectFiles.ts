/** A file to upload and the path under the current prefix it goes to. */
export interface PickedFile {
  file: File;
  path: string;
}

/** Files from an <input type=file> (with webkitdirectory, each has its folder path). */
export function fromInput(files: FileList): PickedFile[] {
  return [...files].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

/**
 * Files dropped on the page, folders walked: DataTransferItem.webkitGetAsEntry gives each
 * dropped item as a file or directory entry. Entries must be taken from the event at once
 * (the list empties when the handler returns), then read.
 */
export async function fromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.every((entry) => entry === null)) return [...data.files].map((file) => ({ file, path: file.name }));
  const found: PickedFile[] = [];
  for (const entry of entries) if (entry !== null) await walk(entry, '', found);
  return found;
}

async function walk(entry: FileSystemEntry, parent: string, found: PickedFile[]): Promise<void> {
  const path = `${parent}${entry.name}`;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    found.push({ file, path });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (about 100 in Chromium) until it answers an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, `${path}/`, found);
  }
}
