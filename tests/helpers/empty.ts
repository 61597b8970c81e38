// Stands in for the server-only / client-only markers outside Next (see vitest.config.mts).
export {}
