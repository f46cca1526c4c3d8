/**
 * adapters/session-strings: hand an authorized session to GramJS, Telethon, Pyrogram or mtcute
 * as their session string, and take one back.
 */
export * from './portable-session.js';
export * from './gramjs-session.js';
export * from './telethon-session.js';
export * from './pyrogram-session.js';
export * from './mtcute-session.js';
export * from './engine-session.js';
