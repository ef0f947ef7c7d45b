// The hot loop of the snapshot reader, compiled to WebAssembly (scripts/build-wasm.mjs): ASCII unsigned decimal
// numbers separated by ',' and JSON whitespace, read 64 bytes at a time with SIMD into an array of doubles.
//
// Why not JavaScript: a byte-at-a-time JS loop pays a bounds check per byte and a mispredicted branch at the end of
// every number (numbers are 1 to 9 digits long, in no pattern); on the 2 GHz bench machine it ran at ~6 ns a byte.
// Here the end of each number comes from a 64-bit mask (ctz, no branch per byte) and its value from the 8 bytes
// before its end in a handful of integer multiplies (the "eight digits at once" SWAR parse), so the cost is per
// number, not per byte.
//
// Contract with src/heap/reader/wasm-scanner.ts (memory layout and results are its business):
//   scan(input, length, output, capacity) reads input[0, length) and writes at most `capacity` numbers to
//   output. It returns the count written and leaves in the globals below where and why it stopped.
//   The 8 bytes before `input` must be readable memory (the caller leaves room; their values do not matter).
#include <stdint.h>
#include <wasm_simd128.h>

/** Why scan stopped (same values as record-section.ts's Stop). */
enum { STOP_END = 0, STOP_FULL = 1, STOP_IN_NUMBER = 2, STOP_OTHER = 3 };

/** Read by the caller after scan: the stop reason and the input index it refers to. */
int32_t stop_reason;
int32_t stop_index;

__attribute__((export_name("stopReason"))) int32_t stopReason(void) { return stop_reason; }
__attribute__((export_name("stopIndex"))) int32_t stopIndex(void) { return stop_index; }

/** Digits above this count do not fit a uint64: the value is marked out of range instead. */
#define MAX_EXACT_DIGITS 19
/** What an out-of-range number reads as: bigger than any valid count, index or size, so range checks reject it. */
#define OUT_OF_RANGE 1e20

/** Value of the `length` (1..8) digits that end at p[-1]; p[-8] may lie before the number (masked off). */
static inline uint32_t eight_digits_ending_at(const uint8_t *p, uint32_t length) {
  uint64_t x;
  __builtin_memcpy(&x, p - 8, 8);
  // Little-endian: the number's digits are the top `length` bytes; the bytes below become '0' (leading zeros).
  const uint64_t keep = length >= 8 ? ~0ULL : ~0ULL << (8 * (8 - length));
  x = (x & keep) | (0x3030303030303030ULL & ~keep);
  x -= 0x3030303030303030ULL;
  x = (x * 10) + (x >> 8);
  return (uint32_t)((((x & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) +
          (((x >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >> 32);
}

/** Value of digits [start, end) of any length (the rare long numbers: big ids, sizes, corrupt input). */
static double long_number(const uint8_t *start, const uint8_t *end) {
  if (end - start > MAX_EXACT_DIGITS) return OUT_OF_RANGE;
  uint64_t value = 0;
  for (const uint8_t *p = start; p < end; p++) value = value * 10 + (uint64_t)(*p - '0');
  return (double)value;
}

/** Bit i set when byte i of the 64 at p is a digit / a separator. */
static inline void classify(const uint8_t *p, uint64_t *digits, uint64_t *separators) {
  uint64_t d = 0, s = 0;
  for (int k = 0; k < 4; k++) {
    const v128_t v = wasm_v128_load(p + 16 * k);
    const v128_t digit = wasm_u8x16_le(wasm_i8x16_sub(v, wasm_i8x16_splat('0')), wasm_i8x16_splat(9));
    const v128_t sep = wasm_v128_or(
        wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat(',')), wasm_i8x16_eq(v, wasm_i8x16_splat('\n'))),
        wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat(' ')), wasm_i8x16_eq(v, wasm_i8x16_splat('\r'))),
                     wasm_i8x16_eq(v, wasm_i8x16_splat('\t'))));
    d |= (uint64_t)wasm_i8x16_bitmask(digit) << (16 * k);
    s |= (uint64_t)wasm_i8x16_bitmask(sep) << (16 * k);
  }
  *digits = d;
  *separators = s;
}

static inline int is_digit(uint8_t byte) { return (uint8_t)(byte - '0') <= 9; }
static inline int is_separator(uint8_t byte) {
  return byte == ',' || byte == '\n' || byte == ' ' || byte == '\r' || byte == '\t';
}

__attribute__((export_name("scan"))) int32_t scan(const uint8_t *input, int32_t length, double *output, int32_t capacity) {
  int32_t count = 0;
  int32_t i = 0;
  // Digits that run into the current block from the block before (0 when it ended on a separator).
  uint32_t carried = 0;
  // Whole blocks while the byte after the block is still input (it tells whether the last digit ends a number).
  // 32 numbers at most end in a block of 64 bytes, so the capacity check is once per block.
  while (i + 64 < length && count + 32 <= capacity) {
    uint64_t digits, separators;
    classify(input + i, &digits, &separators);
    const uint64_t other = ~(digits | separators);
    if (other) break;  // the scalar loop below finds the byte and stops there
    const uint64_t next_is_digit = is_digit(input[i + 64]);
    // A number ends at a digit whose next byte is not a digit.
    uint64_t ends = digits & ~((digits >> 1) | (next_is_digit << 63));
    while (ends) {
      const uint32_t bit = (uint32_t)__builtin_ctzll(ends);
      ends &= ends - 1;
      // Its digits: the run of set bits ending at `bit`, plus any carried from the previous block.
      const uint64_t below = ~digits & ((bit == 63 ? ~0ULL : (2ULL << bit) - 1));
      const uint32_t run = below ? bit - (63 - (uint32_t)__builtin_clzll(below)) : bit + 1 + carried;
      const uint8_t *end = input + i + bit + 1;
      output[count++] = run <= 8 ? (double)eight_digits_ending_at(end, run) : long_number(end - run, end);
    }
    // Digits at the top of the block continue into the next one.
    carried = next_is_digit ? (digits == ~0ULL ? carried + 64 : (uint32_t)__builtin_clzll(~digits)) : 0;
    i += 64;
  }
  // Byte by byte from here: the last 64 bytes or fewer, the last 32 numbers of the batch, or a block holding a byte
  // that is neither digit nor separator (the section's ']' or an error): never more than a few hundred bytes.
  // Back up to the start of a number the blocks left open first.
  if (carried) i -= (int32_t)carried;
  while (i < length) {
    const uint8_t byte = input[i];
    if (is_separator(byte)) { i++; continue; }
    if (!is_digit(byte)) { stop_reason = STOP_OTHER; stop_index = i; return count; }
    if (count == capacity) { stop_reason = STOP_FULL; stop_index = i; return count; }
    const int32_t start = i;
    while (i < length && is_digit(input[i])) i++;
    if (i == length) { stop_reason = STOP_IN_NUMBER; stop_index = start; return count; }
    const uint32_t run = (uint32_t)(i - start);
    output[count++] = run <= 8 ? (double)eight_digits_ending_at(input + i, run) : long_number(input + start, input + i);
  }
  stop_reason = STOP_END;
  stop_index = i;
  return count;
}

// ---- Records: a batch of numbers (meta.node_fields or meta.edge_fields per record) into column arrays ----
// The JS loops that did this cost as much as the scan (V8 stores a double into a Uint32Array through a modular
// conversion, and to_node / node_fields is a double division). Here the common field counts get a constant
// divisor (a multiply), and validity is one flag per batch: the caller re-walks a bad batch in JS to word the error.

/** Largest string index a record named (edges: except element/hidden), read by the caller after each batch. */
double max_name;
__attribute__((export_name("maxName"))) double maxName(void) { return max_name; }
__attribute__((export_name("setMaxName"))) void setMaxName(double value) { max_name = value; }
/** Running sum of nodes' edge_count (the first-edge prefix sum), carried between batches. */
double edge_sum;
__attribute__((export_name("edgeSum"))) double edgeSum(void) { return edge_sum; }
__attribute__((export_name("setEdgeSum"))) void setEdgeSum(double value) { edge_sum = value; }

#define TWO_TO_32 4294967296.0

/** A double below 2^32 as uint32; at or above, 0xffffffff (out of range of any column it indexes). */
static inline uint32_t to_u32(double value) { return value < TWO_TO_32 ? (uint32_t)value : 0xffffffffu; }

/** The edge fields, as EdgeSectionReader's config array holds them. */
enum { E_FIELDS, E_TYPE, E_NAME, E_TO, E_TYPE_LIMIT, E_NODE_FIELDS, E_NODE_COUNT, E_ELEMENT, E_HIDDEN };

static inline __attribute__((always_inline)) int32_t edges_with(const double *restrict values, int32_t rows,
    const int32_t *restrict c, uint8_t *restrict types, uint32_t *restrict names, uint32_t *restrict targets,
    uint32_t node_fields) {
  // Locals, not c[...] in the loop: the stores below could alias the config as far as the compiler knows.
  const int32_t fields = c[E_FIELDS], type_at = c[E_TYPE], name_at = c[E_NAME], to_at = c[E_TO];
  const double type_limit = c[E_TYPE_LIMIT];
  const uint32_t node_count = (uint32_t)c[E_NODE_COUNT];
  const uint32_t element = (uint32_t)c[E_ELEMENT], hidden = (uint32_t)c[E_HIDDEN];
  double max = max_name;
  int32_t bad = 0;
  for (int32_t row = 0; row < rows; row++) {
    const double *record = values + row * fields;
    const double type = record[type_at], name = record[name_at], to = record[to_at];
    const uint32_t to_index = to_u32(to);
    const uint32_t target = to_index / node_fields;
    bad |= (type >= type_limit) | (name >= TWO_TO_32) | (to >= TWO_TO_32) | (target * node_fields != to_index) | (target >= node_count);
    const uint32_t type_code = (uint32_t)type;
    types[row] = (uint8_t)type_code;
    names[row] = to_u32(name);
    targets[row] = target;
    if (name > max && type_code != element && type_code != hidden) max = name;
  }
  max_name = max;
  return bad;
}

/** Returns 1 when some record is invalid (columns then undefined for this batch), else 0. */
__attribute__((export_name("commitEdges"))) int32_t commitEdges(const double *values, int32_t rows, const int32_t *config,
    uint8_t *types, uint32_t *names, uint32_t *targets) {
  const uint32_t node_fields = (uint32_t)config[E_NODE_FIELDS];
  // Constant divisors for the field counts V8 writes (7 before Node 24, 6 from it): a multiply instead of a divide.
  if (node_fields == 7) return edges_with(values, rows, config, types, names, targets, 7);
  if (node_fields == 6) return edges_with(values, rows, config, types, names, targets, 6);
  return edges_with(values, rows, config, types, names, targets, node_fields);
}

/** The node fields, as NodeSectionReader's config array holds them (detachedness -1 when absent). */
enum { N_FIELDS, N_TYPE, N_NAME, N_ID, N_SIZE, N_EDGES, N_DETACHED, N_TYPE_LIMIT };

/** Returns 1 when some record has an undeclared type (the caller re-walks the batch to name it), else 0. */
__attribute__((export_name("commitNodes"))) int32_t commitNodes(const double *restrict values, int32_t rows,
    const int32_t *restrict c, uint8_t *restrict types, uint32_t *restrict names, uint32_t *restrict ids,
    double *restrict sizes, uint8_t *restrict detached, uint32_t *restrict first_edge_next) {
  const int32_t fields = c[N_FIELDS], type_at = c[N_TYPE], name_at = c[N_NAME], id_at = c[N_ID], size_at = c[N_SIZE];
  const int32_t edges_at = c[N_EDGES];
  const double type_limit = c[N_TYPE_LIMIT];
  const int32_t detached_at = c[N_DETACHED];
  double max = max_name, sum = edge_sum;
  int32_t bad = 0;
  for (int32_t row = 0; row < rows; row++) {
    const double *record = values + row * fields;
    const double type = record[type_at], name = record[name_at];
    bad |= type >= type_limit;
    types[row] = (uint8_t)(uint32_t)(type < 256 ? type : 255);
    names[row] = to_u32(name);
    if (name > max) max = name;
    ids[row] = to_u32(record[id_at]);
    sizes[row] = record[size_at];
    detached[row] = detached_at >= 0 ? (uint8_t)to_u32(record[detached_at]) : 0;
    sum += record[edges_at];
    first_edge_next[row] = to_u32(sum);
  }
  max_name = max;
  edge_sum = sum;
  return bad;
}
