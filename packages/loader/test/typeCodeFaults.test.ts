import { killChildApps, startChildApp, type ChildApp, type ChildEvent } from './support/childApp';
import { s3Env, type RunningS3rver } from './support/s3';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from './support/tempApp';

// Each app runs in a plain Node process of its own (support/typeFaultChild.js, on the built
// packages): what is at stake is whether that process survives. storages.Healthy is an official
// AwsS3Type Instance on the s3rver started here; it must keep answering whatever the Type code of
// storages.FaultyType (and its Instance storages.Faulty) does.

let server: RunningS3rver;
let env: Record<string, string>;
beforeAll(async () => {
  ({ server, env } = await s3Env());
});
afterAll(() => server.stop());

const folders: TempApp[] = [];
afterEach(() => {
  killChildApps();
  for (const folder of folders.splice(0)) folder.cleanup();
});

jest.setTimeout(60_000);

const typeFile = 'storages/FaultyType/index.ts';

/** The Type's code: `version()` says which file is serving; `fault` runs at import. */
const typeCode = (version: string, fault = ''): string => `import { AwsS3Type } from '@mti/type-aws-s3';
${fault}
export default class FaultyType extends AwsS3Type {
  async version(): Promise<string> {
    return '${version}';
  }
  async fail(): Promise<never> {
    throw new Error('the Type rejected a call');
  }
  async exit(): Promise<void> {
    process.exit(7);
  }
  async exitThroughImport(): Promise<void> {
    (require('node:process') as NodeJS.Process).exit(7);
  }
  async killSelf(): Promise<void> {
    process.kill(process.pid, 'SIGKILL');
  }
}
`;

const faults = {
  'a promise rejected at import': {
    code: "Promise.reject(new Error('rejected at import'));",
    says: 'rejected at import',
  },
  'a promise made at import that rejects later': {
    code: "new Promise((_resolve, reject) => setTimeout(() => reject(new Error('rejected later')), 300));",
    says: 'rejected later',
  },
  'an error thrown in a timer': {
    code: "setTimeout(() => {\n  throw new Error('thrown in a timer');\n}, 300);",
    says: 'thrown in a timer',
  },
  'process.exit(7) at import': { code: 'process.exit(7);', says: 'process.exit(7)' },
  'while (true) {} at import': { code: 'while (true) {}', says: 'did not finish loading within 1500 ms' },
};
type Fault = keyof typeof faults;

async function start(typeSource: string): Promise<{ folder: TempApp; child: ChildApp }> {
  const folder = tempApp({
    'storages/FaultyType/e.json': { title: 'Faulty', type: 'storages.AwsS3Type' },
    [typeFile]: typeSource,
    'storages/Faulty/e.json': { ...seedDeclaration, type: 'storages.FaultyType' },
    'storages/Faulty/Faulty.json': seedConfig(),
    'storages/Healthy/e.json': seedDeclaration,
    'storages/Healthy/Healthy.json': seedConfig(),
  });
  folders.push(folder);
  const child = await startChildApp(folder.dir, { env, typeLoadTimeoutMs: 1500 });
  return { folder, child };
}

const isErrorOf =
  (fullName: string) =>
  (event: ChildEvent): boolean =>
    event.kind === 'error' && event.fullName === fullName;

async function expectHealthyServes(child: ChildApp, key: string): Promise<void> {
  await child.call('storages.Healthy', 'uploadByFile', key, `${key} stored`);
  expect(await child.call('storages.Healthy', 'download', key)).toBe(`${key} stored`);
}

/** The Type is in error naming its file and the fault; its Instance is in error too. */
async function expectFaulted(child: ChildApp, says: string): Promise<void> {
  const elements = await child.elements();
  const type = elements.get('storages.FaultyType');
  expect(type?.status).toBe('error');
  expect(type?.error?.message).toContain(typeFile);
  expect(type?.error?.message).toContain(says);
  expect(elements.get('storages.Faulty')?.status).toBe('error');
  expect(elements.get('storages.Healthy')?.status).toBe('ready');
}

/** Closes the app; the process must then end by itself, with status 0. */
async function expectCleanEnd(child: ChildApp): Promise<void> {
  await child.request('close');
  expect(await child.exited).toEqual({ code: 0, signal: null });
}

describe('Type code cannot take the process down', () => {
  it.each(Object.keys(faults) as Fault[])(
    '%s in a Type at start-up: the Type is in error, the rest of the app serves',
    async (fault) => {
      const { child } = await start(typeCode('v1', faults[fault].code));
      // A fault after the import comes later: wait for it to be reported.
      if (fault.includes('later') || fault.includes('timer')) await child.next(isErrorOf('storages.FaultyType'));
      await expectFaulted(child, faults[fault].says);
      await expectHealthyServes(child, 'start-up');
      await expectCleanEnd(child);
    },
  );

  it.each([
    'a promise rejected at import',
    'a promise made at import that rejects later',
    'an error thrown in a timer',
    'process.exit(7) at import',
    'while (true) {} at import',
  ] as Fault[])('%s brought in by a hot reload: the last good version keeps serving', async (fault) => {
    const { folder, child } = await start(typeCode('v1'));
    expect(await child.call('storages.Faulty', 'version')).toBe('v1');
    folder.write(typeFile, typeCode('v2', faults[fault].code));
    await child.next(isErrorOf('storages.FaultyType'));
    await expectFaulted(child, faults[fault].says);
    expect(await child.call('storages.Faulty', 'version')).toBe('v1');
    await expectHealthyServes(child, 'reload');
    // Fixed code serves again.
    const since = child.events.length;
    folder.write(typeFile, typeCode('v3'));
    await child.next(
      (event) => event.kind === 'reload' && event.fullName === 'storages.Faulty' && event.status === 'ready',
      since,
    );
    expect(await child.call('storages.Faulty', 'version')).toBe('v3');
    await expectCleanEnd(child);
  });

  it.each([
    ['process.exit(7)', 'exit', 'process.exit(7)'],
    ['process.exit(7) through require("node:process")', 'exitThroughImport', 'process.exit(7)'],
    ['process.kill(process.pid)', 'killSelf', 'process.kill('],
  ])('%s in a call is refused to the caller with ACCESS_DENIED naming the file', async (_label, method, says) => {
    const { child } = await start(typeCode('v1'));
    const refusal = child.call('storages.Faulty', method);
    await expect(refusal).rejects.toMatchObject({ code: 'ACCESS_DENIED', file: typeFile });
    await expect(refusal).rejects.toThrow(says);
    expect(await child.call('storages.Faulty', 'version')).toBe('v1');
    await expectHealthyServes(child, 'refused');
    await expectCleanEnd(child);
  });
});

describe('the listener on the process', () => {
  it('is there only while an app that has run Type code is open', async () => {
    const { child } = await start(typeCode('v1'));
    expect(await child.request('listeners')).toBe(1);
    expect(await child.request('closeApp')).toBe(0);
    await expectCleanEnd(child);

    const folder = tempApp({
      'storages/Healthy/e.json': seedDeclaration,
      'storages/Healthy/Healthy.json': seedConfig(),
    });
    folders.push(folder);
    const withoutTypeCode = await startChildApp(folder.dir, { env });
    await expectHealthyServes(withoutTypeCode, 'no-type-code');
    expect(await withoutTypeCode.request('listeners')).toBe(0);
    await expectCleanEnd(withoutTypeCode);
  });
});

describe("the host's own faults still end the process as Node would", () => {
  it.each([
    ['an error the host code throws in a timer', 'hostThrowsInTimer', 'the host code threw in a timer'],
    ['a rejection the host code leaves unhandled', 'hostRejects', 'the host code left a rejection unhandled'],
    [
      "a call's rejection the host awaits and leaves unhandled, though the Type's code threw it",
      'hostAwaitsFailingCall',
      'the Type rejected a call',
    ],
  ])('%s: status 1, the error printed', async (_label, op, says) => {
    const { child } = await start(typeCode('v1'));
    expect(await child.call('storages.Faulty', 'version')).toBe('v1');
    // The process may end before its reply gets out.
    await child.request(op, { element: 'storages.Faulty', method: 'fail' }).catch(() => undefined);
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(child.stderr()).toContain(says);
  });
});
