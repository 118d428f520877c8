/** The storage classes R2's PutObject, CreateMultipartUpload and CopyObject take (Infrequent Access is STANDARD_IA). */
export const r2StorageClasses: [string, ...string[]] = ['STANDARD', 'STANDARD_IA'];
