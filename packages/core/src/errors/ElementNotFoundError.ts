import { ElementError } from './ElementError';
import { ErrorCode } from './ErrorCode';

export class ElementNotFoundError extends ElementError {
  readonly suggestions: readonly string[];

  constructor(fullName: string, suggestions: readonly string[]) {
    const hint = suggestions.length === 0 ? '' : `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?`;
    super({
      code: ErrorCode.NOT_FOUND,
      element: fullName,
      message: `no element "${fullName}" in this app${hint}`,
    });
    this.name = 'ElementNotFoundError';
    this.suggestions = suggestions;
  }
}
