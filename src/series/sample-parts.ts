// The state of a SampleAccumulator as sent between threads: one part of a big file read by a worker.

/** What a slot holds: a memory column (entity 0) or a counter of the pool `poolNames[entity]`. */
export interface SlotInfo {
  entity: number;
  /** Memory column or pool counter name. */
  key: string;
}

/** The first value of an identity field (pid, start time, uptime) met for an instance, with its row. */
export interface FirstValue<T> {
  value: T;
  /** Row serial within the part (kept rows only). */
  row: number;
  /** The row's time, epoch ms: where a restart found across the cut is placed. */
  time: number;
}

/** An instance's restarts and identity fields: what restart detection needs, kept while reading and sent with a part. */
export interface RestartState {
  restarts: number[];
  /** The row serial of each restart: parts read by other threads merge their restarts by row. */
  restartRows: number[];
  lastPid?: string;
  lastMarker?: number;
  lastUptime?: number;
  // The first identity values met: a part read by another thread compares them with the previous part's last.
  firstPid?: FirstValue<string>;
  firstMarker?: FirstValue<number>;
  firstUptime?: FirstValue<number>;
}

export interface InstancePart extends RestartState {
  name: string;
  /** Indexed by entity id (0 = memory, then pools); columns indexed by slot and padded to the time column. */
  entities: ({ time: Float64Array; columns: (Float64Array | null)[] } | null)[];
}

export interface AccumulatorPart {
  /** In the order the part met them: merging in this order keeps the order a single reader would give. */
  slots: SlotInfo[];
  poolNames: string[];
  instances: InstancePart[];
  /** Rows kept in the part. */
  rows: number;
}
