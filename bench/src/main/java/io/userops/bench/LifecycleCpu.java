package io.userops.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the process's CPU time went during a run: the application's stream thread, its producer's
 * network thread, the broker and other Java threads, and what no Java thread accounts for (GC, JIT,
 * RocksDB's native background threads).
 */
final class LifecycleCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time per live Java thread, and of the process. */
    record Snapshot(Map<Long, Long> byThread, long process, long gcMillis, long jitMillis) {
    }

    /** Seconds of CPU. */
    record Breakdown(double process, double streamThread, double producerThread, double appOther, double otherJava,
            double nonJava, double gcSeconds, double jitSeconds) {
        @Override
        public String toString() {
            return String.format("%.1f s (stream thread %.1f, its producer %.1f, its other threads %.1f, broker and"
                    + " other Java threads %.1f, GC/JIT/native %.1f; GC pauses took %.1f s, JIT compiling %.1f s)",
                    process, streamThread, producerThread, appOther, otherJava, nonJava, gcSeconds, jitSeconds);
        }
    }

    private LifecycleCpu() {
    }

    static Snapshot snapshot() {
        Map<Long, Long> byThread = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                byThread.put(id, cpu);
            }
        }
        return new Snapshot(byThread, processCpuNanos(), gcMillis(), jitMillis());
    }

    /**
     * CPU since {@code before}, the threads whose name holds {@code applicationId} counted as the application's.
     * Threads that ended in between are lost to the Java groups and show up as GC/JIT/native.
     */
    static Breakdown since(Snapshot before, String applicationId) {
        long process = processCpuNanos() - before.process();
        long stream = 0;
        long producer = 0;
        long appOther = 0;
        long other = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            var info = THREADS.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue;
            }
            long used = cpu - before.byThread().getOrDefault(id, 0L);
            String name = info.getThreadName();
            if (name.contains(applicationId) && name.endsWith("-producer")) {
                producer += used;
            } else if (name.contains(applicationId) && name.contains("StreamThread")) {
                stream += used;
            } else if (name.contains(applicationId)) {
                appOther += used;
            } else {
                other += used;
            }
        }
        return new Breakdown(process / 1e9, stream / 1e9, producer / 1e9, appOther / 1e9, other / 1e9,
                (process - stream - producer - appOther - other) / 1e9, (gcMillis() - before.gcMillis()) / 1e3,
                (jitMillis() - before.jitMillis()) / 1e3);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** CPU seconds all processes on the machine have used so far (Linux /proc/stat), NaN elsewhere. */
    static double machineBusySeconds() {
        try {
            String[] cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq: all but idle and iowait (steal is the hypervisor's), in 1/100 s
            for (int i = 1; i < cpu.length && i <= 7; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Marks where a phase began, to tell afterwards how much CPU other processes took meanwhile. */
    record Phase(double machine, long process, long startedNanos) {
        static Phase begin() {
            return new Phase(machineBusySeconds(), processCpuNanos(), System.nanoTime());
        }

        /** "others used X s of CPU in Y s": this process's CPU taken out of the machine's. */
        String others() {
            double wall = (System.nanoTime() - startedNanos) / 1e9;
            double own = (processCpuNanos() - process) / 1e9;
            double other = machineBusySeconds() - machine - own;
            return String.format("other processes used %.1f CPU-s during these %.0f s (this JVM %.1f CPU-s)",
                    Math.max(0, other), wall, own);
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
