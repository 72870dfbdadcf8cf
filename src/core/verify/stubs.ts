/**
 * Where an exercise's stub is: the line of its `TODO(milestone: <id>)` marker in the learner's
 * file. Linear in the text (one pass over its lines, no backtracking pattern); the caller caps the
 * text it reads. Used by the CodeLens at the stub and by every "open this exercise" (issue 20).
 */

/** One marker: the milestone id it names and its 0-based line. */
export interface StubMarker {
  milestoneId: string;
  line: number;
}

const MARKER = 'TODO(milestone:';
/** Milestone ids are `[a-z0-9]+(-[a-z0-9]+)*` (the template schema). */
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Every marker in `text`, in order; a marker with no valid id is passed over. */
export function findStubMarkers(text: string): StubMarker[] {
  const out: StubMarker[] = [];
  let line = 0;
  let start = 0;
  // The next marker at or after `start`, found again only once passed: each character is scanned
  // a bounded number of times, so many lines without a marker stay linear.
  let at = text.indexOf(MARKER);
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (at >= 0 && at < start) at = text.indexOf(MARKER, start);
    if (at >= 0 && at < end) {
      const rest = text.slice(at + MARKER.length, end); // within the line: never scans past it
      const close = rest.indexOf(')');
      if (close >= 0) {
        const id = rest.slice(0, close).trim();
        if (id.length <= 80 && ID.test(id)) out.push({ milestoneId: id, line });
      }
    }
    line++;
    start = end + 1;
  }
  return out;
}

/** The 0-based line of the first marker of `milestoneId`, or undefined. */
export function stubLine(text: string, milestoneId: string): number | undefined {
  return findStubMarkers(text).find((m) => m.milestoneId === milestoneId)?.line;
}
