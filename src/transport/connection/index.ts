/** The RxJS surface of one DC connection. */
export * from './dc-connection.js';
export * from './backoff.js';
