import type { Migration } from './types';

/**
 * Versions 15 and 16 belong to work developed alongside this branch and merged with it; the
 * registry must run without a gap, so until that work lands here they hold their places and
 * change nothing. At the merge these entries give way to the real migrations 15 and 16.
 */
const reserved = (version: number): Migration => ({ version, name: `reserved for version ${version}`, up: '' });

export const migration015Reserved = reserved(15);
