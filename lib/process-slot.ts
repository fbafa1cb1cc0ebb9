/**
 * A value shared by the whole process. server.ts and the Next.js bundle load separate copies of lib/, so a
 * module-level variable would exist twice; a slot on globalThis, named by a registered symbol, exists once.
 */
export type ProcessSlot<T> = {
  get: () => T | undefined;
  set: (value: T | undefined) => void;
  /** The value, created by `create` the first time it is asked for. */
  getOrCreate: (create: () => T) => T;
};

export function processSlot<T>(name: string): ProcessSlot<T> {
  const key = Symbol.for(`mizan.${name}`);
  const slots = globalThis as unknown as Record<symbol, T | undefined>;
  return {
    get: () => slots[key],
    set: (value) => {
      if (value === undefined) delete slots[key];
      else slots[key] = value;
    },
    getOrCreate: (create) => (slots[key] ??= create()),
  };
}
