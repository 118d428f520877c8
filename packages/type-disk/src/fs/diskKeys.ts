/** Segments starting with this are the Type's own: its metadata folder and temporary files. */
export const RESERVED_SEGMENT_START = '.mti-';
/** The hidden tree under rootDir where each object's content type and metadata are kept. */
export const META_DIR = '.mti-meta';
/** Temporary files, written beside their target and renamed into place. */
export const TEMP_START = '.mti-tmp-';
/** File names on ext4, XFS, APFS, NTFS and tmpfs: 255 bytes (UTF-8) at most. */
export const MAX_SEGMENT_BYTES = 255;

/**
 * Why a key that passes `storages.Meta`'s rules still cannot name a file under rootDir, or
 * undefined. A key is a relative path, so: it names a file (no trailing "/"), each segment is a
 * file name the file system takes, and none collides with the Type's own files.
 */
export function diskKeyProblem(key: string): string | undefined {
  if (key.endsWith('/'))
    return 'must not end with "/": on a disk a key names a file, and folders are made and removed as needed';
  for (const segment of key.split('/')) {
    if (segment.startsWith(RESERVED_SEGMENT_START)) {
      return `must not have a segment starting with "${RESERVED_SEGMENT_START}" (reserved for DiskType's metadata and temporary files)`;
    }
    const bytes = Buffer.byteLength(segment, 'utf8');
    if (bytes > MAX_SEGMENT_BYTES) {
      return `has a segment of ${bytes} bytes in UTF-8; a file name is at most ${MAX_SEGMENT_BYTES}`;
    }
  }
  return undefined;
}

/** Percent-encodes each segment of a key, keeping the slashes. */
export function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/');
}

/** Byte order of the UTF-8 forms, which is S3's listing order (not JavaScript's UTF-16 order). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
