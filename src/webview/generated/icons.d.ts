/** Types of icons.js, which scripts/gen-icons.mjs generates at build time (git-ignored). */
/** A path's attributes as [name, value] pairs: `d`, and `fill-rule` / `clip-rule` where the icon has them. */
export type IconPathAttributes = readonly (readonly [string, string])[];
export interface IconArt {
  /** The SVG view box, as in the codicon's own SVG ("0 0 16 16" for most). */
  readonly viewBox: string;
  readonly paths: readonly IconPathAttributes[];
}
/** Codicon name → its artwork. */
export declare const ICON_PATHS: ReadonlyMap<string, IconArt>;
