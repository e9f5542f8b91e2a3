import java.nio.file.*;
import java.util.*;
import redis.clients.jedis.*;

/**
 * Redis CPU (the process, and its AOF-rewrite children apart) per run of a store script, and memory per message,
 * as measured in the seventh session (docs/benchmark/history.md): 1,000 users in 500 pairs, each run a direct message
 * with a clientId of its own, pipelined 32 at a time. "buckets" passes the sender's bucket prefix as KEYS[3]
 * (after.lua) instead of a key per clientId (before.lua). ARGV[6] is 900 for both, as measured: the 15-minute
 * TTL of before.lua, and a 900 s bucket for after.lua (the server uses 600 s).
 */
public class AofCost {
    static long[] cpu(long pid) throws Exception {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll(".*\\) ", "").split(" ");
        // after the comm: index 11 utime, 12 stime, 13 cutime, 14 cstime (fields 14-17)
        return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
    }
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]); String script = Files.readString(Path.of(a[1])); int n = Integer.parseInt(a[2]);
        boolean buckets = a.length > 3 && a[3].equals("buckets");
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            long pid = Long.parseLong(j.info("server").replaceAll("(?s).*process_id:(\\d+).*", "$1"));
            String sha = j.scriptLoad(script);
            for (int u = 0; u < 1000; u++) j.set("b:user:u" + u, "1");
            String content = "aGVsbG8gd29ybGQgdGhpcyBpcyBhIG1lc3NhZ2Ugb2YgYWJvdXQgYSBodW5kcmVkIGJ5dGVzIHNlYWxlZCB3aXRoIGFlcyBnY20gYW5kIGJhc2U2NA==";
            long[] c0 = cpu(pid); long t0 = System.nanoTime();
            Pipeline p = j.pipelined();
            for (int i = 0; i < n; i++) {
                int pair = i % 500; int s = 2 * pair + (i / 500) % 2; int t = s ^ 1;
                String sender = "u" + s, target = "u" + t;
                String conv = "u" + Math.min(s, t) + ":u" + Math.max(s, t);
                String ci = "c" + i;
                long ts = System.currentTimeMillis();
                List<String> keys = List.of("b:log:" + conv, "b:seq:" + conv, buckets ? "b:dedupe:" + sender : "b:dedupe:" + sender + ":" + ci,
                        "b:read:" + sender, "b:user:" + target, "b:dms:" + sender, "b:dms:" + target);
                List<String> args = new ArrayList<>(List.of("10000", sender, content, String.valueOf(ts), ci, "900", "b:bus",
                        "m\t" + conv + "\t" + sender + "\t" + ci + "\t" + ts, "{\"type\":\"message\",\"id\":\"",
                        "\",\"from\":\"" + sender + "\",\"to\":\"" + target + "\",\"content\":\"hello\",\"ts\":" + ts + "}", conv, "k1", target));
                if (buckets) args.add(String.valueOf(ts / 600_000));
                p.evalsha(sha, keys, args);
                if (i % 32 == 31) p.sync();
            }
            p.sync();
            double secs = (System.nanoTime() - t0) / 1e9;
            while (j.info("persistence").contains("aof_rewrite_in_progress:1")) Thread.sleep(100);
            Thread.sleep(200);
            long[] c1 = cpu(pid);
            String mem = j.info("memory").replaceAll("(?s).*used_memory:(\\d+).*", "$1");
            System.out.printf("%s: %d runs in %.1f s (%.0f/s), redis %.1f µs/run, rewrite children %.1f µs/run, used_memory %.0f B/run, keys %d%n",
                    a[1], n, secs, n / secs, (c1[0] - c0[0]) * 1e4 / n, (c1[1] - c0[1]) * 1e4 / n, Double.parseDouble(mem) / n, j.dbSize());
        }
    }
}
