// Per-call latency of each contender, measured with tinybench in interleaved rounds and pooled.
import { Bench } from "tinybench";
import type { Contender } from "./contenders.js";

/** Median and p99 of one contender, in microseconds per call. */
export type Latency = { name: string; medianUs: number; p99Us: number; samples: number };

/** How long each task runs per round, and how many rounds; the order rotates every round. */
export type LatencyOptions = { rounds: number; timeMs: number; warmupMs: number; concurrency: number };

const quantile = (sorted: number[], q: number) => {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  return sorted[low]! + (sorted[Math.ceil(position)]! - sorted[low]!) * (position - low);
};

/**
 * Runs every contender in `rounds` rounds. With concurrency > 1 each sample is `concurrency` calls in flight at
 * once, and the per-call figure is the sample divided by `concurrency` (the time a call costs under load).
 */
export async function measureLatency(list: Contender[], options: LatencyOptions): Promise<Latency[]> {
  const pooled = new Map<string, number[]>(list.map((c) => [c.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    const bench = new Bench({ time: options.timeMs, warmupTime: options.warmupMs, retainSamples: true, iterations: 16 });
    const order = [...list.slice(round % list.length), ...list.slice(0, round % list.length)];
    for (const contender of order) {
      const task =
        options.concurrency === 1
          ? contender.call
          : () => Promise.all(Array.from({ length: options.concurrency }, () => contender.call()));
      bench.add(contender.name, task);
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result as { state: string; error?: unknown; latency?: { samples?: number[] } };
      if (result.state !== "completed") throw new Error(`${task.name}: ${result.state} ${String(result.error ?? "")}`);
      pooled.get(task.name)!.push(...(result.latency!.samples ?? []).map((ms) => (ms * 1000) / options.concurrency));
    }
  }
  return list.map((c) => {
    const sorted = pooled.get(c.name)!.sort((a, b) => a - b);
    return { name: c.name, medianUs: quantile(sorted, 0.5), p99Us: quantile(sorted, 0.99), samples: sorted.length };
  });
}
