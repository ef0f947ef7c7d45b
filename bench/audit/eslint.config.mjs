// The ESLint peer: one no-restricted-syntax rule selecting the same construction sites pooldoc audits.
import tsParser from '@typescript-eslint/parser';

const SITES = [
  "NewExpression[callee.name='Pool']",
  "CallExpression[callee.property.name='createPool']",
  "NewExpression[callee.name='Redis']",
  "NewExpression[callee.property.name='Agent']",
  "CallExpression[callee.name='knex']",
  "NewExpression[callee.name='LRUCache']",
];

export default [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
    rules: { 'no-restricted-syntax': ['error', ...SITES.map((selector) => ({ selector, message: 'pool construction: review its options' }))] },
  },
];
