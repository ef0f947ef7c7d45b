// Table tests for statement-timeout (TIME002).
import { statementTimeout } from '../../../src/audit/rules/statement-timeout.js';
import { ruleTable } from './harness.js';

ruleTable(statementTimeout, {
  valid: [
    { name: 'pg statement_timeout in the options', pools: [{ library: 'pg', options: { max: 10, statement_timeout: 30_000 } }] },
    { name: 'pg statement_timeout as a URL param (pg sends it at startup)', pools: [{ library: 'pg', options: { connectionString: 'postgres://db/app?statement_timeout=30000' } }] },
    { name: 'mssql default requestTimeout 15 s', pools: [{ library: 'mssql' }] },
    { name: 'mariadb queryTimeout set', pools: [{ library: 'mariadb', options: { queryTimeout: 10_000 } }] },
    { name: 'statement_timeout from env without fallback is unknown', pools: [{ library: 'pg', unknown: ['statement_timeout'] }] },
    { name: 'connectionString from an env var may carry ?statement_timeout=', pools: [{ library: 'pg', options: { max: 5 }, unknown: ['connectionString'] }] },
    { name: 'opaque spread may set it', pools: [{ library: 'mongodb', opaque: [''] }] },
    { name: 'no maxMs by default: a long batch timeout is a choice', pools: [{ library: 'pg', options: { statement_timeout: 3_600_000 } }] },
  ],
  invalid: [
    { name: 'pg default: no statement_timeout', pools: [{ library: 'pg', options: { max: 10 } }], errors: [{ messageId: 'missing', data: { library: 'pg', option: 'statement_timeout' } }] },
    { name: 'pg statement_timeout 0', pools: [{ library: 'pg', options: { statement_timeout: 0 } }], errors: [{ messageId: 'disabled', data: { option: 'statement_timeout', value: '0' } }] },
    { name: 'mssql requestTimeout 0 = none', pools: [{ library: 'mssql', options: { requestTimeout: 0 } }], errors: [{ messageId: 'disabled', data: { library: 'mssql', option: 'requestTimeout' } }] },
    { name: 'mariadb default queryTimeout 0', pools: [{ library: 'mariadb' }], errors: [{ messageId: 'missing', data: { library: 'mariadb', option: 'queryTimeout' } }] },
    { name: 'mongodb default socketTimeoutMS 0', pools: [{ library: 'mongodb' }], errors: [{ messageId: 'missing', data: { option: 'socketTimeoutMS' } }] },
    { name: 'maxMs option catches a long timeout', pools: [{ library: 'pg', options: { statement_timeout: 600_000 } }], ruleOptions: { maxMs: 60_000 }, errors: [{ messageId: 'tooLong', data: { ms: 600_000, maxMs: 60_000 } }] },
  ],
});
