// Reads the package's type declarations with the TypeScript compiler API, so
// tests can compare them with what the runtime really has (names of the `nn`
// namespace, class members, vocabularies, the element's attributes).
import ts from 'typescript';

/**
 * Compiles `files` (.d.ts) and returns helpers over `moduleFile`'s exports.
 * Throws with the compiler's messages if the declarations do not compile.
 */
export function readDeclarations(files, moduleFile = files[0]) {
  const program = ts.createProgram(files, {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [],
  });
  const problems = ts.getPreEmitDiagnostics(program);
  if (problems.length) {
    throw new Error(ts.formatDiagnostics(problems, {
      getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n',
    }));
  }
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(moduleFile);
  const exported = new Map(checker.getExportsOfModule(checker.getSymbolAtLocation(source)).map((s) => [s.name, s]));
  const resolve = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);

  const api = {
    /** Names the module exports as values (functions, classes), not `export type { X }`. */
    valueExports() {
      const typeOnly = (s) => (s.declarations ?? []).some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly));
      return [...exported.values()].filter((s) => resolve(s).flags & ts.SymbolFlags.Value && !typeOnly(s)).map((s) => s.name).sort();
    },
    /** The type of an exported interface, type alias or class (its instance type). */
    type(name) {
      const symbol = exported.get(name);
      if (!symbol) throw new Error(`the declarations export no ${name}`);
      return checker.getDeclaredTypeOfSymbol(resolve(symbol));
    },
    /** The type of property `name` of `type`, or null when it has none. */
    property(type, name) {
      const symbol = checker.getPropertyOfType(type, name);
      if (!symbol) return null;
      return checker.getTypeOfSymbolAtLocation(symbol, symbol.declarations?.[0] ?? source);
    },
    /** Names of the properties of `type`, without those inherited from TypeScript's lib (Error.stack, ...). */
    properties: (type) => checker.getPropertiesOfType(type)
      .filter((s) => !(s.declarations ?? []).every((d) => program.isSourceFileDefaultLibrary(d.getSourceFile())))
      .map((s) => s.name),
    /** The string literals of a union type alias, e.g. ActivationName. */
    literals(name) {
      const type = api.type(name);
      const parts = type.isUnion() ? type.types : [type];
      return parts.filter((t) => t.isStringLiteral()).map((t) => t.value);
    },
  };
  return api;
}

/**
 * Every path (e.g. 'layers.dense') of the runtime object `value` that the
 * declared `type` lacks. Walks into plain objects (namespaces); skips names
 * starting with '_' (internal).
 */
export function missingPaths(decl, value, type, prefix) {
  const missing = [];
  for (const key of Object.keys(value)) {
    if (key.startsWith('_')) continue;
    const path = `${prefix}.${key}`;
    const declared = decl.property(type, key);
    if (!declared) {
      missing.push(path);
      continue;
    }
    const v = value[key];
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype)
      missing.push(...missingPaths(decl, v, declared, path));
  }
  return missing;
}

/** The reverse: every path the declared `type` has but the runtime `value` lacks. */
export function extraPaths(decl, value, type, prefix) {
  const extra = [];
  for (const key of decl.properties(type)) {
    const path = `${prefix}.${key}`;
    if (!(key in value)) {
      extra.push(path);
      continue;
    }
    const v = value[key];
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype)
      extra.push(...extraPaths(decl, v, decl.property(type, key), path));
  }
  return extra;
}

/** Public member names of a class at run time: prototype methods and getters, plus an instance's own fields. */
export function publicMembers(cls, instance) {
  const names = new Set();
  for (let proto = cls.prototype; proto && proto !== Object.prototype && proto !== Error.prototype; proto = Object.getPrototypeOf(proto))
    for (const n of Object.getOwnPropertyNames(proto)) names.add(n);
  if (instance) for (const n of Object.keys(instance)) names.add(n);
  return [...names].filter((n) => n !== 'constructor' && !n.startsWith('_')).sort();
}
