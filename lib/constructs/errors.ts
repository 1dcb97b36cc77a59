/**
 * The error type thrown by fintech-guardrails when a construct is given props it cannot accept,
 * and the base class of the runtime's errors.
 *
 * aws-cdk-lib's own `ValidationError` is internal, so we use a plain `Error` subclass. Messages say
 * what was wrong, the value given and how to fix it.
 *
 * Keep this file free of imports: the runtime entry point (`fintech-guardrails/runtime`) loads it and
 * must not pull in aws-cdk-lib or constructs.
 */
export class FinTechGuardrailsError extends Error {
  /**
   * A stable, machine-readable code for the error, when one applies.
   */
  public readonly code?: string;

  constructor(message: string, options: FinTechGuardrailsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FinTechGuardrailsError';
    this.code = options.code;
    // Keep `instanceof` working for subclasses whatever the compilation target.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * Options for `FinTechGuardrailsError`.
 */
export interface FinTechGuardrailsErrorOptions {
  /**
   * A stable, machine-readable code.
   *
   * @default - no code
   */
  readonly code?: string;

  /**
   * The underlying error.
   *
   * @default - none
   */
  readonly cause?: unknown;
}
