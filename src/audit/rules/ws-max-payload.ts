// WS001 (ws): a WebSocketServer keeps ws's 100 MiB maxPayload unless told otherwise, and deflate needs a review.
import { z } from 'zod';
import { enabledUnsized, optionNumber, reportOption } from '../rule-kit/bounds.js';
import { configsOf, defineRule } from './types.js';

const LIBRARIES = ['ws'];

/** 10 MiB: well above chat/telemetry frames, a tenth of ws's default; raise it per server with a reason. */
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Deflate settings whose explicit presence shows someone sized the zlib work (ws#1202, ws#1617). */
const DEFLATE_REVIEW_KEYS = ['perMessageDeflate.concurrencyLimit', 'perMessageDeflate.threshold'];

export const wsMaxPayload = defineRule({
  meta: {
    id: 'ws-max-payload',
    code: 'WS001',
    defaultSeverity: 'error',
    description: 'Lower a WebSocket server\'s maxPayload from the 100 MiB default and size perMessageDeflate deliberately.',
    libraries: LIBRARIES,
    messages: {
      defaultLarge: 'ws server accepts messages up to {{value}} bytes (100 MiB default) per connection: set maxPayload',
      tooLarge: 'ws {{option}} = {{value}} bytes exceeds {{maxBytes}}: each connection may buffer that much',
      deflate: 'ws server enables perMessageDeflate without concurrencyLimit/threshold: zlib memory grows with connections',
    },
    optionsSchema: z.strictObject({ maxBytes: z.number().positive() }),
    defaultOptions: { maxBytes: DEFAULT_MAX_BYTES },
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      // Clients receive from a server they chose; the limits protect a server from its clients.
      if (config.context.role === 'client') continue;
      const payload = config.options['maxPayload'];
      const bytes = optionNumber(payload);
      if (payload?.origin === 'default') reportOption(context, config, 'maxPayload', 'defaultLarge');
      else if (payload?.origin === 'set' && bytes !== undefined && bytes > context.options.maxBytes) reportOption(context, config, 'maxPayload', 'tooLarge', { maxBytes: context.options.maxBytes });
      if (enabledUnsized(config, 'perMessageDeflate', DEFLATE_REVIEW_KEYS)) reportOption(context, config, 'perMessageDeflate', 'deflate');
    }
  },
});
