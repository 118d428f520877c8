import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp, type ElementRecord, storagesMeta } from '@mti/core';
import { createGateway, type GatewayApp, type GatewayOptions } from '@mti/cli';
import { type DiskType, registrations } from '@mti/type-disk';

export const SECRET = 'test-signing-secret-0123456789abcdef';

export interface DiskApp {
  app: App;
  storage: DiskType;
  rootDir: string;
  /** Where the gateway answers: http://127.0.0.1:<port>. */
  baseUrl: string;
  close(): Promise<void>;
}

export function diskRecord(config: Record<string, unknown>, folder = 'storages/MyDisk'): ElementRecord {
  return {
    folder,
    declaration: { title: 'My Disk', type: 'storages.DiskType', backendBundleEntry: '.', variables: [] },
    config,
  };
}

/**
 * A `storages.DiskType` Instance on a new temporary folder, and a real gateway (`mti serve`'s)
 * on a free loopback port answering its signed URLs. The gateway starts first, on a stand-in
 * for the app, so the Instance's `signedBaseUrl` can name its port.
 */
export async function startDiskApp(
  config: Record<string, unknown> = {},
  gatewayOptions: Omit<GatewayOptions, 'app'> = {},
): Promise<DiskApp> {
  const rootDir = await mkdtemp(join(tmpdir(), 'mti-disk-'));
  const built: { app?: App } = {};
  const current = (): App => {
    if (built.app === undefined) throw new Error('the app is not built yet');
    return built.app;
  };
  const standIn: GatewayApp = {
    getElement: <T>(fullName: string) => current().getElement<T>(fullName),
    listElements: () => current().listElements(),
    functionsOf: (fullName) => current().functionsOf(fullName),
  };
  const gateway = createGateway({ console: false, ...gatewayOptions, app: standIn });
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  const app = createApp({
    name: 'type-disk-tests',
    registrations: [storagesMeta, ...registrations],
    elements: [diskRecord({ rootDir, signingSecret: SECRET, signedBaseUrl: baseUrl, ...config })],
  });
  built.app = app;
  return {
    app,
    storage: app.getElement<DiskType>('storages.MyDisk'),
    rootDir,
    baseUrl,
    close: async () => {
      await app.close();
      await gateway.close();
      await rm(rootDir, { recursive: true, force: true });
    },
  };
}
