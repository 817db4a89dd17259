// Input checks shared by the formulas; bad staffing inputs fail loudly instead of
// producing NaN that would silently reach a dashboard.

/** Throws unless `agents` is a whole number ≥ 0 (the recursion runs once per agent). */
export function assertAgents(agents: number): void {
  if (!Number.isInteger(agents) || agents < 0) {
    throw new RangeError(`agents must be a whole number >= 0, got ${agents}`);
  }
}

export function assertNonNegativeFinite(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

export function assertPositiveFinite(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  }
}
