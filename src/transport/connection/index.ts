/** The RxJS surface of one DC connection. */
export * from './dc-connection.js';
export * from './backoff.js';
export * from './recover-answer.js';
