/** Figures measured inside the real extension host (scaffold, skill page paint, memory): filled in below. */
import type { Figure } from './figures';

export async function measureInHost(): Promise<Figure[]> {
  return [];
}
