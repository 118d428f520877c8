import type { Logger } from '../logging/Logger';
import type { ElementAppApi } from './ElementAppApi';

/** What the container injects into every Instance it builds. */
export interface ElementContext<TConfig = unknown> {
  /** `storages.MyS3` */
  readonly fullName: string;
  readonly title: string;
  /** fullName of the Type that built this Instance, e.g. `storages.AwsS3Type`. */
  readonly type: string;
  /** The validated business config: secret fields read as `REDACTED` in JSON and inspect. */
  readonly config: TConfig;
  /** Names of the config fields the Type marks as secret. */
  readonly secretFields: readonly string[];
  readonly app: ElementAppApi;
  readonly logger: Logger;
}
