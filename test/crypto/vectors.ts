/** Typed loaders for test/vectors/crypto-*.json (each vector carries its `source`). */
import { readFileSync } from 'node:fs';
import { hexToBytes } from '../../src/crypto/index.js';

export function loadVectors<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8')) as T;
}

export const h = hexToBytes;
