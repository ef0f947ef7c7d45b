// WS001 (socket.io): keep maxHttpBufferSize near its post-CVE 1e6 default; recovery buffers every broadcast for its window.
import { z } from 'zod';
import { enabledUnsized, optionNumber, reportOption } from '../rule-kit/bounds.js';
import { configsOf, defineRule } from './types.js';

const LIBRARIES = ['socket.io'];

/** 1e7 bytes: ten times the default (engine.io PR #613 lowered it from 1e8 to 1e6 for CVE-2020-36048). */
const DEFAULT_MAX_BYTES = 1e7;
/** Five minutes of buffered broadcasts per disconnected session; the library default is two. */
const DEFAULT_MAX_RECOVERY_MS = 300_000;

export const socketioBufferSize = defineRule({
  meta: {
    id: 'socketio-buffer-size',
    code: 'WS001',
    defaultSeverity: 'error',
    description: 'Keep socket.io\'s per-message buffer and connection-recovery window small.',
    libraries: LIBRARIES,
    messages: {
      tooLarge: 'socket.io {{option}} = {{value}} bytes exceeds {{maxBytes}}: every connection may buffer that much (1e8 was the pre-CVE-2020-36048 default)',
      longRecovery: 'socket.io {{option}} = {{value}} ms: every broadcast is kept in memory that long for recovery (limit {{maxRecoveryMs}} ms)',
      deflate: 'socket.io enables perMessageDeflate without a threshold: zlib memory per connection (engine.io#559)',
    },
    optionsSchema: z.strictObject({ maxBytes: z.number().positive(), maxRecoveryMs: z.number().positive() }),
    defaultOptions: { maxBytes: DEFAULT_MAX_BYTES, maxRecoveryMs: DEFAULT_MAX_RECOVERY_MS },
  },
  check(context) {
    const { maxBytes, maxRecoveryMs } = context.options;
    for (const config of configsOf(context, LIBRARIES)) {
      const buffer = config.options['maxHttpBufferSize'];
      if (buffer?.origin === 'set' && (optionNumber(buffer) ?? 0) > maxBytes) reportOption(context, config, 'maxHttpBufferSize', 'tooLarge', { maxBytes });
      // The window only matters when recovery is on; the SessionAwareAdapter is bounded by time, not size.
      const recovery = config.options['connectionStateRecovery'];
      const window = config.options['connectionStateRecovery.maxDisconnectionDuration'];
      if (recovery?.origin === 'set' && recovery.value !== false && window?.origin !== 'unknown' && (optionNumber(window) ?? 0) > maxRecoveryMs) {
        reportOption(context, config, 'connectionStateRecovery.maxDisconnectionDuration', 'longRecovery', { maxRecoveryMs });
      }
      if (enabledUnsized(config, 'perMessageDeflate', ['perMessageDeflate.threshold'])) reportOption(context, config, 'perMessageDeflate', 'deflate');
    }
  },
});
