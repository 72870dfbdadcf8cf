// Entry of dist/packLoader.js: the YAML parser and pack validation, loaded only when a content pack exists.
export { parseCatalogFile } from '../core/catalog/load';
