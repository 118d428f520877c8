/**
 * The storage classes MinIO takes (`x-amz-storage-class`): STANDARD and REDUCED_REDUNDANCY,
 * which pick the erasure-code parity set for each (MINIO_STORAGE_CLASS_STANDARD, _RRS). Any
 * other is refused by the server with InvalidStorageClass; the Type refuses it before sending.
 */
export const minioStorageClasses: [string, ...string[]] = ['STANDARD', 'REDUCED_REDUNDANCY'];
