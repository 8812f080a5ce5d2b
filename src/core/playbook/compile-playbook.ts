import type { z } from 'zod';
import { err, ok, type Result } from '../../lib/result.js';
import { alertSchema } from '../../schema/alert.js';
import type { ActionEffect } from '../respond/action.js';
import type { PlaybookIssue } from './errors.js';
import { collectPaths, type Expr, type PathPart } from './expression-ast.js';
import type { ParsedPlaybook, YamlPath } from './parse-playbook.js';
import type { Playbook, PlaybookStep } from './playbook-schema.js';
import { checkSchemaPath, objectKeys } from './schema-paths.js';
import { compileCondition, compileString, compileValue, expressionsOf, type Compiled } from './template.js';

/** What the checker needs to know about an action: its effect and its schemas. */
export interface ActionSignature {
  readonly id: string;
  readonly effect: ActionEffect;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

/** Finds an action by id (the runtime's registry answers this). */
export type ActionLookup = (id: string) => ActionSignature | undefined;

/** A step with its expressions compiled once. */
export interface CompiledStep {
  readonly id: string;
  readonly index: number;
  readonly step: PlaybookStep;
  /** Present for action steps. */
  readonly action: ActionSignature | undefined;
  readonly condition: Expr | undefined;
  readonly forEach: Expr | undefined;
  readonly with: Compiled;
  readonly outputs: readonly (readonly [string, Expr])[];
  /** Present for approval steps. */
  readonly prompt: Compiled | undefined;
}

/** A playbook ready to run: checked against the actions it calls. */
export interface CompiledPlaybook {
  readonly playbook: Playbook;
  readonly file: string;
  readonly source: string;
  readonly steps: readonly CompiledStep[];
  readonly indexOf: ReadonlyMap<string, number>;
}

type PathExpr = Extract<Expr, { k: 'path' }>;
type Where = 'if' | 'for_each' | 'with' | 'outputs' | 'prompt';

const RUN_FIELDS = new Set(['id', 'mode', 'playbook']);
const PLAYBOOK_FIELDS = new Set(['name', 'version']);
const COMMON_STEP_FIELDS = new Set(['status', 'error']);

/**
 * Compiles every expression of a parsed playbook and checks it statically: actions exist; `with`
 * keys exist in the action's input schema and required ones are present; every reference names an
 * earlier step and a field its action's output schema (or the alert schema) has; `goto` targets
 * exist and come later (so every run ends). Collects every issue, each with its line.
 */
export function compilePlaybook(parsed: ParsedPlaybook, lookup: ActionLookup): Result<CompiledPlaybook, PlaybookIssue[]> {
  const { playbook, locate, file } = parsed;
  const issues: PlaybookIssue[] = [];
  const add = (code: PlaybookIssue['code'], message: string, path: YamlPath): void => {
    issues.push({ code, message, location: locate(path) });
  };
  const indexOf = new Map<string, number>();
  playbook.steps.forEach((s, i) => {
    if (indexOf.has(s.id)) add('PLAYBOOK_DUPLICATE_STEP', `step id "${s.id}" is used twice`, ['steps', i, 'id']);
    else indexOf.set(s.id, i);
  });
  const steps: CompiledStep[] = [];
  playbook.steps.forEach((step, index) => {
    const at = (...rest: (string | number)[]): YamlPath => ['steps', index, ...rest];
    let action: ActionSignature | undefined;
    if (step.action !== undefined) {
      action = lookup(step.action);
      if (action === undefined) add('PLAYBOOK_UNKNOWN_ACTION', `unknown action "${step.action}"`, at('action'));
    }
    const refs: { where: Where; path: YamlPath; expr: Expr }[] = [];
    const condition = compileField(step.if, at('if'), 'if', refs, add);
    const forEach = compileField(step.for_each, at('for_each'), 'for_each', refs, add);
    const compiledWith = compileValue(step.with);
    for (const e of compiledWith.errors) add('PLAYBOOK_INVALID_EXPRESSION', e.message, at('with', ...e.path));
    for (const e of expressionsOf(compiledWith.compiled)) refs.push({ where: 'with', path: at('with', ...e.path), expr: e.expr });
    const outputs: (readonly [string, Expr])[] = [];
    for (const [name, text] of Object.entries(step.outputs ?? {})) {
      const e = compileField(text, at('outputs', name), 'outputs', refs, add);
      if (e !== undefined) outputs.push([name, e]);
    }
    let prompt: Compiled | undefined;
    if (step.approval !== undefined) {
      const p = compileString(step.approval.prompt);
      if (!p.ok) add('PLAYBOOK_INVALID_EXPRESSION', p.error, at('approval', 'prompt'));
      else {
        prompt = p.value;
        for (const e of expressionsOf(p.value)) refs.push({ where: 'prompt', path: at('approval', 'prompt'), expr: e.expr });
      }
    }
    if (action !== undefined) checkWithKeys(step, action, at, add);
    if (typeof step.on_error === 'object') {
      const target = indexOf.get(step.on_error.goto);
      if (target === undefined) add('PLAYBOOK_BAD_GOTO', `on_error goes to unknown step "${step.on_error.goto}"`, at('on_error', 'goto'));
      else if (target <= index) add('PLAYBOOK_BAD_GOTO', `on_error goes to "${step.on_error.goto}", which does not come later (runs must always end)`, at('on_error', 'goto'));
    }
    for (const r of refs) {
      for (const p of collectPaths(r.expr)) {
        const problem = checkReference(p, r.where, step, index, action, playbook, indexOf, lookup);
        if (problem !== undefined) add('PLAYBOOK_UNKNOWN_REFERENCE', problem, r.path);
      }
    }
    steps.push({ id: step.id, index, step, action, condition, forEach, with: compiledWith.compiled, outputs, prompt });
  });
  if (issues.length > 0) return err(issues);
  return ok({ playbook, file, source: parsed.source, steps, indexOf });
}

function compileField(
  text: string | undefined,
  path: YamlPath,
  where: Where,
  refs: { where: Where; path: YamlPath; expr: Expr }[],
  add: (code: PlaybookIssue['code'], message: string, path: YamlPath) => void,
): Expr | undefined {
  if (text === undefined) return undefined;
  const c = compileCondition(text);
  if (!c.ok) {
    add('PLAYBOOK_INVALID_EXPRESSION', c.error, path);
    return undefined;
  }
  refs.push({ where, path, expr: c.value });
  return c.value;
}

function checkWithKeys(step: PlaybookStep, action: ActionSignature, at: (...rest: (string | number)[]) => YamlPath, add: (code: PlaybookIssue['code'], message: string, path: YamlPath) => void): void {
  const shape = objectKeys(action.input);
  if (shape === undefined) return;
  for (const key of Object.keys(step.with)) {
    if (!shape.open && !shape.keys.has(key)) {
      add('PLAYBOOK_UNKNOWN_INPUT', `"${action.id}" has no input "${key}" (it takes: ${[...shape.keys.keys()].join(', ') || 'nothing'})`, at('with', key));
    }
  }
  for (const [key, schema] of shape.keys) {
    if (!Object.hasOwn(step.with, key) && !schema.safeParse(undefined).success) {
      add('PLAYBOOK_MISSING_INPUT', `"${action.id}" needs the input "${key}"`, step.action === undefined ? at() : at('action'));
    }
  }
}

function show(root: string, parts: readonly PathPart[], upTo = parts.length): string {
  return [root, ...parts.slice(0, upTo).map((p) => ('name' in p ? `.${p.name}` : `[${p.index}]`))].join('');
}

function checkReference(
  p: PathExpr,
  where: Where,
  step: PlaybookStep,
  index: number,
  action: ActionSignature | undefined,
  playbook: Playbook,
  indexOf: ReadonlyMap<string, number>,
  lookup: ActionLookup,
): string | undefined {
  const name = (i: number): string | undefined => {
    const part = p.parts[i];
    return part !== undefined && 'name' in part ? part.name : undefined;
  };
  const schemaProblem = (schema: z.ZodType, rest: readonly PathPart[], offset: number, what: string): string | undefined => {
    const r = checkSchemaPath(schema, rest);
    if (r.ok) return undefined;
    const known = r.known.length > 0 ? ` (it has: ${r.known.slice(0, 20).join(', ')})` : '';
    return `"${show(p.root, p.parts, offset + r.at + 1)}" does not exist in ${what}${known}`;
  };
  switch (p.root) {
    case 'alert':
      if (playbook.trigger.type === 'schedule') return 'a scheduled playbook has no "alert"';
      return schemaProblem(alertSchema, p.parts, 0, 'the alert schema');
    case 'case':
      return playbook.trigger.type === 'schedule' ? 'a scheduled playbook has no "case"' : undefined;
    case 'inputs': {
      const n = name(0);
      if (n === undefined) return p.parts.length === 0 ? undefined : '"inputs" is read by name, like inputs.name';
      return Object.hasOwn(playbook.inputs, n) ? undefined : `"inputs.${n}" is not declared under "inputs"`;
    }
    case 'run':
      return p.parts.length === 0 || RUN_FIELDS.has(name(0) ?? '') ? undefined : `"${show(p.root, p.parts, 1)}" does not exist (run has: ${[...RUN_FIELDS].join(', ')})`;
    case 'playbook':
      return p.parts.length === 0 || PLAYBOOK_FIELDS.has(name(0) ?? '') ? undefined : `"${show(p.root, p.parts, 1)}" does not exist (playbook has: ${[...PLAYBOOK_FIELDS].join(', ')})`;
    case 'item':
    case 'index':
      return where === 'with' && step.for_each !== undefined ? undefined : `"${p.root}" exists only in the "with" of a step with "for_each"`;
    case 'output':
      if (where !== 'outputs') return '"output" exists only in a step\'s "outputs"';
      if (action === undefined) return undefined;
      return step.for_each !== undefined ? arrayOf(action.output, p.parts, 0, schemaProblem, 'the output list of') : schemaProblem(action.output, p.parts, 0, `the output of "${action.id}"`);
    case 'steps':
      return checkStepReference(p, index, name, indexOf, playbook, lookup, schemaProblem);
    default:
      return `unknown name "${p.root}" (known: alert, case, inputs, steps, run, playbook, item, index, output)`;
  }
}

function arrayOf(
  schema: z.ZodType,
  parts: readonly PathPart[],
  offset: number,
  schemaProblem: (schema: z.ZodType, rest: readonly PathPart[], offset: number, what: string) => string | undefined,
  what: string,
): string | undefined {
  const first = parts[offset];
  if (first === undefined) return undefined;
  if (!('index' in first)) return `a for_each step's output is a list: index it, like [0] (${what} the step)`;
  return schemaProblem(schema, parts.slice(offset + 1), offset + 1, 'the action output');
}

function checkStepReference(
  p: PathExpr,
  index: number,
  name: (i: number) => string | undefined,
  indexOf: ReadonlyMap<string, number>,
  playbook: Playbook,
  lookup: ActionLookup,
  schemaProblem: (schema: z.ZodType, rest: readonly PathPart[], offset: number, what: string) => string | undefined,
): string | undefined {
  const id = name(0);
  if (id === undefined) return 'steps are read by id, like steps.enrich.output';
  const target = indexOf.get(id);
  if (target === undefined) return `"steps.${id}" is not a step of this playbook`;
  if (target >= index) return `"steps.${id}" does not run before this step`;
  const field = name(1);
  if (field === undefined) return p.parts.length === 1 ? undefined : `"steps.${id}" has fields status, error, output, outputs, decision, actor`;
  const ref = playbook.steps[target]!;
  if (COMMON_STEP_FIELDS.has(field)) return undefined;
  if (field === 'decision' || field === 'actor') return ref.approval !== undefined ? undefined : `"steps.${id}.${field}" exists only for approval steps`;
  if (field === 'outputs') {
    const out = name(2);
    if (out === undefined) return undefined;
    return Object.hasOwn(ref.outputs ?? {}, out) ? undefined : `"steps.${id}.outputs.${out}" is not declared in that step's "outputs"`;
  }
  if (field === 'output') {
    if (ref.action === undefined) return `"steps.${id}" is an approval step: it has no output`;
    const action = lookup(ref.action);
    if (action === undefined) return undefined; // reported as an unknown action already
    return ref.for_each !== undefined
      ? arrayOf(action.output, p.parts, 2, schemaProblem, 'the output list of')
      : schemaProblem(action.output, p.parts.slice(2), 2, `the output of "${action.id}"`);
  }
  return `"steps.${id}.${field}" does not exist (a step has status, error, output, outputs, decision, actor)`;
}
