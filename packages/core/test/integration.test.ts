import { Readable } from 'node:stream';
import { createApp, type ElementRecord, storagesMeta } from '@mti/core';
import { MemoryStorageType, memoryRegistration } from './fixtures/MemoryStorageType';

// The seed's Quick Start, in TypeScript, on the memory test Type: folders as data, a config that
// takes its keys from the environment, and the five seed methods through a handle.
describe('an app built from declarations, end to end', () => {
  const elements: ElementRecord[] = [
    {
      folder: 'storages/MyS3',
      declaration: { title: 'My AWS S3 Storage', type: 'storages.MemoryType', backendBundleEntry: '.', variables: [] },
      config: { bucketName: '${BUCKET:-your_bucket_name}', apiKey: '${API_KEY}' },
    },
  ];
  const app = createApp({
    name: 'quick-start',
    registrations: [storagesMeta, memoryRegistration],
    env: { API_KEY: 'k-123' },
    elements,
  });
  afterAll(() => app.close());

  it('uploads, signs, reads, describes and deletes', async () => {
    const s3 = app.getElement<MemoryStorageType>('storages.MyS3');
    const result = await s3.uploadByFile('folder/example.txt', Buffer.from('example'), 'text/plain');
    expect(result).toEqual({
      url: 'memory://your_bucket_name/folder/example.txt',
      key: 'folder/example.txt',
      bucket: 'your_bucket_name',
      etag: '"7"',
      size: 7,
      contentType: 'text/plain',
      storageClass: 'STANDARD',
    });
    expect(await s3.getSignUrl('folder/example.txt', 'text/plain', 600)).toContain('expires=600');
    expect(await s3.getSignUrl('folder/example.txt', 'text/plain')).toContain('expires=300');
    expect((await s3.download('folder/example.txt')).toString()).toBe('example');
    expect(await s3.getObject('folder/example.txt')).toMatchObject({
      key: 'folder/example.txt',
      size: 7,
      contentType: 'text/plain',
    });
    expect(await s3.delete('folder/example.txt')).toEqual({ key: 'folder/example.txt', deleted: true });
    await expect(s3.download('folder/example.txt')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('defaults the content type, and takes streams', async () => {
    const s3 = app.getElement<MemoryStorageType>('storages.MyS3');
    expect((await s3.uploadByFile('s.bin', Readable.from([Buffer.from('ab'), Buffer.from('c')]))).contentType).toBe(
      'application/octet-stream',
    );
    expect((await s3.download('s.bin')).toString()).toBe('abc');
  });

  it('lists what it holds', () => {
    expect(app.listElements().map((e) => [e.fullName, e.kind, e.status])).toEqual([
      ['storages.Meta', 'meta', 'ready'],
      ['storages.MemoryType', 'type', 'ready'],
      ['storages.MyS3', 'instance', 'ready'],
    ]);
  });

  it('lets an element reach its siblings through the app', async () => {
    const instance = await app.getElement<MemoryStorageType>('storages.MyS3').self();
    expect(instance.app.getElement('storages.MyS3')).toBe(app.getElement('storages.MyS3'));
    expect(instance.app.name).toBe('quick-start');
  });
});
