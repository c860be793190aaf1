// Store ports: the contracts every storage adapter (SQLite, PostgreSQL) keeps, checked by one conformance suite
// (conformance.ts). This file only gathers them: one file per port group, and `Store` (the whole state) in Store.ts.
// Times are epoch milliseconds (numbers) everywhere in the store; the wire converts to seconds where the contract says so.
// Every method is async so that networked adapters fit; adapters never throw for "not found" (they return null).
export * from './auditPorts.js';
export * from './keyPorts.js';
export * from './pendingAuthPorts.js';
export * from './projectPorts.js';
export * from './sessionPorts.js';
export * from './Store.js';
export * from './userPorts.js';
