import type { GatewayApp } from '../GatewayApp';

/**
 * The secret fields of Type `type`'s configs. When the Type cannot say (unknown, or in error),
 * those of every Type the app has: a config whose type name has a typo is still most likely one
 * of theirs, and hiding too much is the safe side.
 */
export function secretFieldsOf(app: GatewayApp, type: string): readonly string[] {
  const of = (fullName: string): readonly string[] | undefined => {
    try {
      return app.configSchemaOf?.(fullName).secretFields;
    } catch {
      return undefined;
    }
  };
  const own = of(type);
  if (own !== undefined) return own;
  const all = new Set<string>();
  for (const element of app.listElements())
    if (element.kind === 'type') for (const field of of(element.fullName) ?? []) all.add(field);
  return [...all];
}
