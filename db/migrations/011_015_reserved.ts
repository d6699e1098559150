import type { Migration } from './types';

/**
 * Versions 11 to 15 belong to work developed alongside this branch and merged with it; the
 * registry must run without a gap, so until that work lands here they hold their places and
 * change nothing. At the merge these entries give way to the real migrations 11 to 15.
 */
const reserved = (version: number): Migration => ({ version, name: `reserved for version ${version}`, up: '' });

export const migration011Reserved = reserved(11);
export const migration012Reserved = reserved(12);
export const migration013Reserved = reserved(13);
export const migration014Reserved = reserved(14);
export const migration015Reserved = reserved(15);
