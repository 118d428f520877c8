export { createGateway, type GatewayOptions } from './gateway/createGateway';
export type { GatewayApp } from './gateway/GatewayApp';
export { statusOf } from './gateway/statusOf';
export { planEmbeddedS3, type EmbeddedS3Plan } from './embedded/planEmbeddedS3';
export { startEmbeddedS3, type EmbeddedS3, type EmbeddedS3Options } from './embedded/startEmbeddedS3';
export { run } from './program';
