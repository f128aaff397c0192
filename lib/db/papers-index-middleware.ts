import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/**
 * A Dexie DBCore middleware that keeps an index of `papers` in other stores, in the same
 * transaction as every write to `papers`, whoever makes it:
 * - read-write transactions that include `papers` also include `indexStores`;
 * - after each write to `papers`, `update` runs; writes in one transaction update the index one
 *   after another, so two writes in flight never rewrite the same record from the same old copy;
 * - schema upgrades are left alone: each index's upgrade builds it whole once, which costs far
 *   less than keeping it write by write through an upgrade's batches.
 */
export function papersIndexMiddleware(
  name: string,
  indexStores: readonly string[],
  update: (down: DBCore, papers: DBCoreTable, request: DBCoreMutateRequest) => Promise<void>,
): Middleware<DBCore> {
  const holdsIndex = (trans: DBCoreTransaction): boolean => {
    if ((trans as Partial<IDBTransaction>).mode === 'versionchange') return false;
    // Dexie's DBCore transaction is the IDBTransaction itself.
    const names = (trans as Partial<IDBTransaction>).objectStoreNames;
    return names !== undefined && indexStores.every((store) => names.contains(store));
  };
  return {
    stack: 'dbcore',
    name,
    create(down) {
      const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();
      return {
        ...down,
        transaction(stores, mode, options) {
          if (mode !== 'readwrite' || !stores.includes('papers')) return down.transaction(stores, mode, options);
          const withIndex = [...stores];
          for (const store of indexStores) if (!withIndex.includes(store)) withIndex.push(store);
          return down.transaction(withIndex, mode, options);
        },
        table(tableName) {
          const table = down.table(tableName);
          if (tableName !== 'papers') return table;
          return {
            ...table,
            async mutate(request) {
              const response = await table.mutate(request);
              if (!holdsIndex(request.trans)) return response;
              const previous = queues.get(request.trans) ?? Promise.resolve();
              const updated = previous.then(() => update(down, table, request));
              queues.set(request.trans, updated);
              await updated;
              return response;
            },
          } satisfies DBCoreTable;
        },
      };
    },
  };
}
