// An app loaded with hot reload in a plain Node process, driven by its parent over IPC: the
// process itself is what the Type code faults in these tests could take down, so it cannot be
// jest's. Runs the built packages (`pnpm build` first).
//
//   node typeFaultChild.js <appDir>
//   MTI_CHILD_ENV          JSON of the env the app's configs read (`${S3_ENDPOINT}` …)
//   MTI_TYPE_LOAD_TIMEOUT  typeLoadTimeoutMs, when set
//
// Sends { kind: 'loaded' }, then every 'reload' and 'error' event of the app; answers requests
// ({ id, op, … }) with { kind: 'reply', id, ok, value | error }.
'use strict';
const { loadApp } = require('../../dist/index.js');

const send = (message) => {
  if (process.connected) process.send(message);
};

const describeError = (error) => ({
  code: error?.code,
  message: error instanceof Error ? error.message : String(error),
  causeCode: error?.cause?.code,
  file: error?.file,
});

async function main() {
  const [appDir] = process.argv.slice(2);
  const timeout = process.env.MTI_TYPE_LOAD_TIMEOUT;
  const app = await loadApp(appDir, {
    watch: true,
    env: JSON.parse(process.env.MTI_CHILD_ENV ?? '{}'),
    ...(timeout === undefined ? {} : { typeLoadTimeoutMs: Number(timeout) }),
  });
  app.on('reload', (event) => send({ kind: 'reload', fullName: event.fullName, status: event.status }));
  app.on('error', (event) => send({ kind: 'error', fullName: event.fullName, error: describeError(event.error) }));

  const ops = {
    elements: () =>
      app.listElements().map((e) => ({
        fullName: e.fullName,
        status: e.status,
        ...(e.error === undefined ? {} : { error: describeError(e.error) }),
      })),
    call: async ({ element, method, args = [] }) => {
      const value = await app.getElement(element)[method](...args);
      return Buffer.isBuffer(value) ? value.toString() : value;
    },
    // The controls: faults of the host's own code, which must end the process as Node would.
    hostThrowsInTimer: () => {
      setTimeout(() => {
        throw new Error('the host code threw in a timer');
      }, 10);
    },
    hostRejects: () => {
      void Promise.reject(new Error('the host code left a rejection unhandled'));
    },
    hostAwaitsFailingCall: ({ element, method }) => {
      // The call's error was handed to the host, which leaves its own promise unhandled.
      void (async () => {
        await app.getElement(element)[method]();
      })();
    },
    listeners: () => process.listenerCount('uncaughtException'),
    closeApp: async () => {
      await app.close();
      return process.listenerCount('uncaughtException');
    },
    close: async () => {
      await app.close();
      setImmediate(() => process.disconnect());
    },
  };

  process.on('message', async (message) => {
    try {
      const value = await ops[message.op](message);
      send({ kind: 'reply', id: message.id, ok: true, value });
    } catch (error) {
      send({ kind: 'reply', id: message.id, ok: false, error: describeError(error) });
    }
  });
  send({ kind: 'loaded' });
}

main();
