package chat.benchmark;

/**
 * CPU time of the three processes that share the machine during a run (server, Redis, generator) and of
 * the machine as a whole, so every figure can say who used the cores.
 */
final class CpuClock {

    private final long serverPid;
    private final long redisPid;

    CpuClock(long serverPid, long redisPid) {
        this.serverPid = serverPid;
        this.redisPid = redisPid;
    }

    Reading read() {
        long[] machine = Probes.machineJiffies();
        return new Reading(System.nanoTime(), Probes.cpuNanos(serverPid), Probes.cpuNanos(redisPid),
                Probes.childrenCpuNanos(redisPid), Probes.selfCpuNanos(), machine[0], machine[1]);
    }

    record Reading(long wallNanos, long serverNanos, long redisNanos, long redisChildrenNanos, long generatorNanos,
                   long machineBusy, long machineTotal) {

        Usage since(Reading start) {
            double wall = (wallNanos - start.wallNanos) / 1e9;
            long total = machineTotal - start.machineTotal;
            double busyShare = total == 0 ? 0 : (double) (machineBusy - start.machineBusy) / total;
            return new Usage(wall,
                    (serverNanos - start.serverNanos) / 1e9,
                    (redisNanos - start.redisNanos) / 1e9,
                    (redisChildrenNanos - start.redisChildrenNanos) / 1e9,
                    (generatorNanos - start.generatorNanos) / 1e9,
                    busyShare * Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Seconds of CPU each process used over {@code wallSeconds}, and busy cores of the whole machine. Redis's
     * AOF rewrites (forked children) are apart from the Redis process itself: counted when a rewrite ends.
     */
    record Usage(double wallSeconds, double serverSeconds, double redisSeconds, double redisRewriteSeconds,
                 double generatorSeconds, double machineBusyCores) {

        double serverCores() {
            return wallSeconds == 0 ? 0 : serverSeconds / wallSeconds;
        }

        double redisCores() {
            return wallSeconds == 0 ? 0 : redisSeconds / wallSeconds;
        }

        double redisRewriteCores() {
            return wallSeconds == 0 ? 0 : redisRewriteSeconds / wallSeconds;
        }

        double generatorCores() {
            return wallSeconds == 0 ? 0 : generatorSeconds / wallSeconds;
        }

        /**
         * The generator is the limit when the machine has no idle core left and the generator uses at least
         * as much CPU as the server: giving the server more would mean taking it from the generator.
         */
        boolean generatorBound() {
            int cores = Runtime.getRuntime().availableProcessors();
            return machineBusyCores >= 0.9 * cores && generatorCores() >= serverCores();
        }

        /** Cores used by processes outside the benchmark (other programs on a shared machine). */
        double otherCores() {
            return Math.max(0, machineBusyCores - serverCores() - redisCores() - redisRewriteCores() - generatorCores());
        }

        boolean machineSaturated() {
            return machineBusyCores >= 0.9 * Runtime.getRuntime().availableProcessors();
        }
    }
}
