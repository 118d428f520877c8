/** Folders never holding elements: dependencies, build output, and dot-folders (.git, .mti). */
export function isSkippedFolder(name: string): boolean {
  return name === 'node_modules' || name === 'dist' || name.startsWith('.');
}
