/** The images card-sim can run, by name (the profile's target.image). */
import type { CardImage } from '../cos/image.ts';
import { hostileImage } from './hostile.ts';
import { referenceImage } from './reference.ts';

export const IMAGES: Readonly<Record<string, CardImage>> = {
  reference: referenceImage,
  hostile: hostileImage,
};

export function imageNames(): string[] {
  return Object.keys(IMAGES);
}
