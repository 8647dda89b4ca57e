/**
 * Lookups by a name a user, a pack or a project file chose. A plain `record[name]`
 * also finds what every object inherits (`constructor`, `toString`, `__proto__`),
 * so a pad colour or a field named `constructor` would reach the compiler as a
 * function. These helpers see only the record's own entries.
 */

/** The record's own value for `key`, or undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether the record has its own entry `key`. */
export function hasOwnKey(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}
