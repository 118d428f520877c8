import type { Declaration } from '../declaration/declarationSchema';
import { parseDeclaration } from '../declaration/parseDeclaration';
import { toFullName } from '../declaration/toFullName';
import type { ElementRecord } from '../element/ElementRecord';
import type { ElementRegistration } from '../element/ElementRegistration';
import { ElementError } from '../errors/ElementError';
import { ErrorCode } from '../errors/ErrorCode';
import { metaOverride, overrideWithoutCode } from '../errors/invalidConfig';
import type { ElementNode } from './ElementNode';
import type { ResolvedElement } from './ResolvedElement';
import { toElementError } from './toElementError';

export interface CollectedNodes {
  /** By fullName: the built-ins, each replaced by the app folder of the same name if any. */
  nodes: Map<string, ElementNode>;
  /** App folders whose path is no fullName: errors already, with no node to resolve. */
  unnamed: ResolvedElement[];
}

/**
 * Built-in registrations plus an app's records, one node per fullName. Two app folders of one
 * name and an app folder overriding a built-in are settled here, as errors on the node; two
 * registrations of one name, a wiring mistake of the host program, throw.
 */
export function collectNodes(
  registrations: readonly ElementRegistration[],
  records: readonly ElementRecord[],
): CollectedNodes {
  const builtins = builtinNodes(registrations);
  const { appNodes, unnamed } = appNodesOf(records);
  const nodes = new Map(builtins);
  for (const node of appNodes.values()) {
    const builtin = builtins.get(node.fullName);
    if (builtin !== undefined) checkOverride(node, builtin);
    nodes.set(node.fullName, node);
  }
  return { nodes, unnamed };
}

function builtinNodes(registrations: readonly ElementRegistration[]): Map<string, ElementNode> {
  const nodes = new Map<string, ElementNode>();
  for (const registration of registrations) {
    const existing = nodes.get(registration.fullName);
    if (existing !== undefined) {
      throw new ElementError({
        code: ErrorCode.CONFLICT,
        element: registration.fullName,
        message:
          `${registration.fullName} is registered twice: by ${existing.source} and by ` +
          `${registration.source}; give the app only one of these packages`,
      });
    }
    nodes.set(registration.fullName, {
      fullName: registration.fullName,
      origin: 'builtin',
      source: registration.source,
      title: registration.title,
      type: registration.type ?? '',
      implementation: registration.implementation,
    });
  }
  return nodes;
}

function appNodesOf(records: readonly ElementRecord[]): {
  appNodes: Map<string, ElementNode>;
  unnamed: ResolvedElement[];
} {
  const appNodes = new Map<string, ElementNode>();
  const unnamed: ResolvedElement[] = [];
  for (const record of records) {
    const folder = record.folder
      .split(/[\\/]+/)
      .filter(Boolean)
      .join('/');
    const leaf = folder.split('/').pop() ?? folder;
    const declarationFile = record.files?.declaration ?? `${folder}/e.json`;
    let fullName: string;
    try {
      fullName = toFullName(folder);
    } catch (error) {
      unnamed.push(errorElement(folder.replace(/\//g, '.'), toElementError(error, folder)));
      continue;
    }
    const node: ElementNode = {
      fullName,
      origin: 'app',
      source: declarationFile,
      title: fullName,
      type: '',
      record,
      implementation: record.implementation,
      configFile: record.files?.config ?? `${folder}/${leaf}.json`,
    };
    if (record.problem !== undefined) {
      node.error = record.problem;
    } else {
      try {
        const declaration: Declaration = parseDeclaration(record.declaration, {
          element: fullName,
          file: declarationFile,
        });
        node.title = declaration.title;
        node.type = declaration.type;
      } catch (error) {
        node.error = toElementError(error, fullName);
      }
    }
    const twin = appNodes.get(fullName);
    if (twin !== undefined) {
      const conflict = new ElementError({
        code: ErrorCode.CONFLICT,
        element: fullName,
        file: declarationFile,
        message: `${fullName} is declared twice: in ${twin.source} and in ${declarationFile}; remove or rename one`,
      });
      // One entry, naming both files; neither declaration is trusted until one is removed.
      twin.error = conflict;
      continue;
    }
    appNodes.set(fullName, node);
  }
  return { appNodes, unnamed };
}

function checkOverride(node: ElementNode, builtin: ElementNode): void {
  node.overrides = builtin.source;
  if (node.error !== undefined) return;
  const place = { element: node.fullName, file: node.source };
  if (builtin.type === '') node.error = metaOverride(place, builtin.source);
  else if (node.implementation === undefined) node.error = overrideWithoutCode(place, builtin.source);
}

function errorElement(fullName: string, error: ElementError): ResolvedElement {
  return {
    fullName,
    title: fullName,
    kind: undefined,
    type: '',
    origin: 'app',
    secretFields: [],
    fingerprint: '',
    error,
  };
}
