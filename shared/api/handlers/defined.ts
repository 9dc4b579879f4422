/** Drops undefined properties: zod yields `key: undefined` for omitted optionals, which strict service signatures reject. */
export const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
