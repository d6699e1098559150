/** The two stores a hub runs on; a file of its own so the store's parts can name it without importing the whole store. */
export type HubDialect = 'sqlite' | 'postgres';
