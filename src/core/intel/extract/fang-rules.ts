/**
 * The fanging and defanging rules of ioc-fanger (https://github.com/ioc-fang/ioc-fanger, MIT License,
 * Copyright (c) 2017 Floyd Hightower), as data: `fang.json` and `defang.json` of commit 8ea2cc3
 * (2022-08-05), the last complete JSON rule set. Applied in order; a test checks these against the
 * files in the shared corpus. Regex rules use Python `re` syntax that RE2 shares, except the one
 * rule with look-around, which `rewrite.ts` implements in code (kind `comma-quad`).
 */

/** One rule: a literal or regular-expression replacement (`\\1` is group 1), or the coded comma-quad rule. */
export interface RewriteRule {
  readonly kind: 'literal' | 'regex' | 'comma-quad';
  readonly find: string;
  readonly replace: string;
  /** Regex rules match case-insensitively unless this is true (ioc-fanger default). */
  readonly caseSensitive: boolean;
}

/** Rules that turn defanged text back into indicators (`hxxp`, `[.]`, `(at)` …). */
export const FANG_RULES: readonly RewriteRule[] = [
  { kind: 'literal', find: '[://]', replace: '://', caseSensitive: false },
  { kind: 'regex', find: '( *[\\[\\]\\(\\)\\{\\}\\\\]{1} *)[\\.\\,]([\\[\\]\\(\\)\\{\\}]{1} *)', replace: '.', caseSensitive: false },
  { kind: 'regex', find: '( *[\\[\\]\\(\\)\\{\\}]{1} *):( *[\\[\\]\\(\\)\\{\\}]{1} *)', replace: ':', caseSensitive: false },
  { kind: 'regex', find: '( *[\\[\\]\\(\\)\\{\\}]* *)DOT( *[\\[\\]\\(\\)\\{\\}]* *)', replace: '.', caseSensitive: true },
  { kind: 'regex', find: '( *[\\[\\]\\(\\)\\{\\}-]+ *)(?:dot|punto|punkt)( *[\\[\\]\\(\\)\\{\\}-]* *)', replace: '.', caseSensitive: false },
  { kind: 'regex', find: '( *[\\[\\]\\(\\)\\{\\}-]* *)(?:dot|punto|punkt)( *[\\[\\]\\(\\)\\{\\}-]+ *)', replace: '.', caseSensitive: false },
  { kind: 'regex', find: '([\\[\\]\\(\\)\\{\\}]{1} *)www( *[\\[\\]\\(\\)\\{\\}]{1} *)', replace: 'www', caseSensitive: false },
  { kind: 'regex', find: '( *[\\[\\]\\(\\{\\}]+ *)(?:@|(?:at)|(?:et)|(?:arroba))( *[\\]\\(\\)\\{\\}]* *)', replace: '@', caseSensitive: true },
  { kind: 'regex', find: '( *[\\[\\]\\(\\)\\{\\}]* *)(?:@|(?:at)|(?:et)|(?:arroba))( *[\\]\\(\\)\\{\\}]+ *)', replace: '@', caseSensitive: true },
  { kind: 'regex', find: ' +@ +', replace: '@', caseSensitive: true },
  { kind: 'regex', find: '( *[\\[\\]\\(\\)\\{\\}]+ *)(?:(?:AT)|(?:ET)|(?:ARROBA))( *[\\[\\]\\(\\)\\{\\}]* *)', replace: '@', caseSensitive: true },
  { kind: 'regex', find: '( *[\\[\\]\\(\\)\\{\\}]* *)(?:(?:AT)|(?:ET)|(?:ARROBA))( *[\\[\\]\\(\\)\\{\\}]+ *)', replace: '@', caseSensitive: true },
  { kind: 'regex', find: '([a-z]) *(?:AT|ET|ARROBA) *([a-z])', replace: '\\1@\\2', caseSensitive: true },
  { kind: 'regex', find: '(?:[\\[\\(]+ ?)htt(ps?)(?: ?[\\[\\]\\(\\)]* ?)', replace: 'htt\\1', caseSensitive: false },
  { kind: 'regex', find: '(?:[\\[\\]\\(\\)]* ?)htt(ps?)(?: ?[\\[\\]\\(\\)]+ ?)', replace: 'htt\\1', caseSensitive: false },
  { kind: 'regex', find: ':\\/\\/\\/+', replace: '://', caseSensitive: false },
  { kind: 'regex', find: ':\\/\\/ *', replace: '://', caseSensitive: false },
  { kind: 'regex', find: ': +\\/\\/', replace: '://', caseSensitive: false },
  { kind: 'regex', find: '(https?) *:', replace: '\\1:', caseSensitive: false },
  { kind: 'regex', find: 'h[xA-Z]{2}(ps?[^.])', replace: 'htt\\1', caseSensitive: true },
  { kind: 'regex', find: 'htt(ps?)\\/', replace: 'htt\\1:/', caseSensitive: false },
  { kind: 'regex', find: '(https?:\\/\\/) *', replace: '\\1', caseSensitive: false },
  { kind: 'regex', find: '\\bx{4}://', replace: 'http://', caseSensitive: false },
  { kind: 'regex', find: '\\b(?:x{5}|x{4}s)://', replace: 'https://', caseSensitive: false },
  { kind: 'literal', find: '[-]', replace: '-', caseSensitive: false },
  { kind: 'comma-quad', find: '(?:^|(?<=\\s))([0-9]{1,3}),([0-9]{1,3}),([0-9]{1,3}),([0-9]{1,3})(?=\\s|$)', replace: '\\1.\\2.\\3.\\4', caseSensitive: false },
  { kind: 'literal', find: '\\.', replace: '.', caseSensitive: false },
  { kind: 'literal', find: '\\/', replace: '/', caseSensitive: false },
  { kind: 'literal', find: '^.', replace: '.', caseSensitive: false },
  { kind: 'literal', find: '<.>', replace: '.', caseSensitive: false },
];

/**
 * Rules that defang text. ioc-fanger applies each as a regular expression and, when it has a group,
 * replaces the group's text inside the match (`(\\.)[a-zA-Z0-9-]` turns `.c` into `[.]c`).
 */
export const DEFANG_RULES: readonly RewriteRule[] = [
  { kind: 'regex', find: '(\\.)[a-zA-Z0-9-]', replace: '[.]', caseSensitive: true },
  { kind: 'regex', find: 'http:', replace: 'hXXp:', caseSensitive: true },
  { kind: 'regex', find: 'https:', replace: 'hXXps:', caseSensitive: true },
  { kind: 'regex', find: '\\S(@)\\S', replace: '(at)', caseSensitive: true },
];
