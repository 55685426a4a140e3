/**
 * NestJS 12 ships as ES modules. Node 20 loads them through require(esm), but Jest's own
 * module loader cannot (before Node 24.9), so Jest compiles them to CommonJS like our code.
 * `import.meta` has no CommonJS form: it is rewritten to the module's file URL and paths, and
 * a module's own `const require = createRequire(import.meta.url)` is dropped, since CommonJS
 * already has that very `require`.
 */
const { createTransformer } = require('@swc/jest');

const ownCode = createTransformer();
const dependencies = createTransformer({
  swcrc: false,
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
  module: { type: 'commonjs', ignoreDynamic: false },
});

const OWN_REQUIRE = /\bconst require = createRequire\(import\.meta\.url\);/g;
const IMPORT_META = /\bimport\.meta\b/g;
const META_OBJECT = "({ url: 'file://' + encodeURI(__filename), filename: __filename, dirname: __dirname })";

function select(filename) {
  return filename.includes('/node_modules/') ? dependencies : ownCode;
}

const ES_MODULE_SYNTAX = /^\s*(import[\s{*]|export\s)/m;

module.exports = {
  canInstrument: false,
  process(source, filename, options) {
    if (!filename.includes('/node_modules/')) return ownCode.process(source, filename, options);
    // CommonJS dependencies pass through untouched; only ES modules are compiled.
    if (!filename.endsWith('.mjs') && !ES_MODULE_SYNTAX.test(source)) return { code: source };
    return dependencies.process(source.replace(OWN_REQUIRE, '').replace(IMPORT_META, META_OBJECT), filename, options);
  },
  getCacheKey(source, filename, options) {
    return `v3:${select(filename).getCacheKey(source, filename, options)}`;
  },
};
