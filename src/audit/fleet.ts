// Fleet facts for budget rules: how many copies of each config run, and what the servers allow.
import { z } from 'zod';

/** PostgreSQL guc_parameters.dat: max_connections 100, superuser_reserved_connections 3. */
export const POSTGRES_DEFAULT_MAX_CONNECTIONS = 100;
export const POSTGRES_DEFAULT_RESERVED = 3;
/** MySQL/MariaDB max_connections 151 (mysqld's +1 slot is for CONNECTION_ADMIN, not the app). */
export const MYSQL_DEFAULT_MAX_CONNECTIONS = 151;
/** redis.conf maxclients 10000 (or the fd limit − 32 if lower). */
export const REDIS_DEFAULT_MAX_CLIENTS = 10_000;

export const ServerFactsSchema = z.strictObject({
  maxConnections: z.number().int().positive(),
  reserved: z.number().int().nonnegative().default(0),
  /** CPU cores of the database host, for the HikariCP sizing rule of thumb. */
  cores: z.number().int().positive().optional(),
});
export type ServerFacts = z.infer<typeof ServerFactsSchema>;

export const FleetFactsSchema = z.strictObject({
  /** Replicas (pods, instances) running each service. */
  replicas: z.number().int().positive().default(1),
  /** Processes per replica (cluster workers, pm2 instances). */
  processes: z.number().int().positive().default(1),
  /** Extra connections held by migrations, admin consoles, monitoring. */
  headroom: z.number().int().nonnegative().default(0),
  /** Rolling-deploy surge: 1.25 means a quarter more replicas exist during a rollout. */
  surge: z.number().min(1).default(1),
  /** True when replicas/processes were given (config or flags), not assumed. */
  declared: z.boolean().default(false),
  servers: z.strictObject({
    postgres: ServerFactsSchema.default({ maxConnections: POSTGRES_DEFAULT_MAX_CONNECTIONS, reserved: POSTGRES_DEFAULT_RESERVED }),
    mysql: ServerFactsSchema.default({ maxConnections: MYSQL_DEFAULT_MAX_CONNECTIONS, reserved: 0 }),
    mssql: ServerFactsSchema.optional(),
    mongodb: ServerFactsSchema.optional(),
    redis: ServerFactsSchema.default({ maxConnections: REDIS_DEFAULT_MAX_CLIENTS, reserved: 0 }),
  }).default({
    postgres: { maxConnections: POSTGRES_DEFAULT_MAX_CONNECTIONS, reserved: POSTGRES_DEFAULT_RESERVED },
    mysql: { maxConnections: MYSQL_DEFAULT_MAX_CONNECTIONS, reserved: 0 },
    redis: { maxConnections: REDIS_DEFAULT_MAX_CLIENTS, reserved: 0 },
  }),
});
export type FleetFacts = z.infer<typeof FleetFactsSchema>;

export const DEFAULT_FLEET: FleetFacts = FleetFactsSchema.parse({});
