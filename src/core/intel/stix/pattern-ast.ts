import type { ComparisonOperator } from './pattern-lexer.js';

/** A literal value of a comparison. */
export type PatternLiteral =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'int' | 'float'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'hex' | 'binary' | 'timestamp'; readonly value: string };

/** One step of an object path after the object type: a property name or a list index. */
export type PathStep = { readonly kind: 'key'; readonly name: string } | { readonly kind: 'index'; readonly index: number | '*' };

/** `type:prop.sub[*].x` */
export interface ObjectPath {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
}

/** Operators of a property test (`=` … `>=` plus the named ones). */
export type TestOperator = ComparisonOperator | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

/** A comparison expression: the inside of `[...]`. `pos` is the offset of the operator token. */
export type ComparisonExpr =
  | { readonly kind: 'cmp-and' | 'cmp-or'; readonly operands: readonly ComparisonExpr[] }
  | {
      readonly kind: 'test';
      readonly path: ObjectPath;
      readonly negated: boolean;
      readonly op: TestOperator;
      /** One literal, or the members of an `IN (...)` set. */
      readonly value: PatternLiteral | readonly PatternLiteral[];
      readonly pos: number;
    }
  | { readonly kind: 'exists'; readonly path: ObjectPath; readonly negated: boolean; readonly pos: number };

/** A qualifier of an observation expression. */
export type Qualifier =
  | { readonly kind: 'within'; readonly seconds: number; readonly pos: number }
  | { readonly kind: 'repeats'; readonly times: number; readonly pos: number }
  | { readonly kind: 'start-stop'; readonly start: string; readonly stop: string; readonly pos: number };

/** An observation expression: `[...]`, combinations of them, qualified ones. */
export type ObservationExpr =
  | { readonly kind: 'observation'; readonly comparison: ComparisonExpr }
  | { readonly kind: 'obs-and' | 'obs-or' | 'followedby'; readonly operands: readonly ObservationExpr[]; readonly pos: number }
  | { readonly kind: 'qualified'; readonly expr: ObservationExpr; readonly qualifier: Qualifier };

/** The text of an object path, STIX-style (`file:hashes.'SHA-256'`). */
export function formatPath(p: ObjectPath): string {
  let s = `${p.objectType}:`;
  p.steps.forEach((step, i) => {
    if (step.kind === 'index') s += `[${String(step.index)}]`;
    else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(step.name) ? step.name : `'${step.name}'`;
      s += i === 0 ? name : `.${name}`;
    }
  });
  return s;
}
