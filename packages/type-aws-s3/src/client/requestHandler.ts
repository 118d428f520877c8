import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { httpHandler } from '../sdk/awsSdk';
import type { ClientSettings } from './clientSettings';

/** The HTTP handler every client of the Type sends through: keep-alive agents and its timeouts. */
export function requestHandler(settings: ClientSettings): NonNullable<S3ClientConfig['requestHandler']> {
  // node:http and node:https (with TLS) are required here, with the SDK: loading an app
  // builds no client, and `mti ls` should not pay for them.
  const { Agent: HttpAgent } = require('node:http') as typeof import('node:http');
  const { Agent: HttpsAgent } = require('node:https') as typeof import('node:https');
  const agentOptions = { keepAlive: true, maxSockets: 64 };
  return new (httpHandler().NodeHttpHandler)({
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
    connectionTimeout: Math.min(settings.timeoutMs, 10_000),
    // Inactivity, not total time: a 5 GiB part may take minutes, a stalled socket should not.
    socketTimeout: settings.timeoutMs,
  });
}
