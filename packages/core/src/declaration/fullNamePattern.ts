/** One folder of a fullName: a letter, then letters, digits or `_`. */
export const segmentPattern = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A whole fullName such as `storages.MyS3`. */
export const fullNamePattern = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
