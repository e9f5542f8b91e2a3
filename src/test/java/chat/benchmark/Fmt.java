package chat.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Number formats shared by the tables and the JSON: milliseconds from microsecond histograms, rates, sizes. */
final class Fmt {

    private Fmt() {
    }

    static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    /** Milliseconds with a precision that suits their size: 0.42, 7.3, 120. */
    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v < 1 ? f(v, 2) : v < 10 ? f(v, 1) : f(v, 0);
    }

    static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String percent(double ratio) {
        return ratio == 0 ? "0 %" : ratio < 0.0001 ? f(ratio * 100, 4) + " %" : f(ratio * 100, 2) + " %";
    }

    static String mib(long kib) {
        return kib < 0 ? "-" : f(kib / 1024.0, 0);
    }

    static JsonObjectBuilder latencyJson(Histogram h) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            b.add("p50", ms(h, 50)).add("p90", ms(h, 90)).add("p99", ms(h, 99)).add("p999", ms(h, 99.9))
                    .add("max", maxMs(h)).add("mean", h.getMean() / 1000.0);
        }
        return b;
    }

    static JsonObjectBuilder usageJson(CpuClock.Usage u) {
        return Json.createObjectBuilder()
                .add("wallSeconds", round(u.wallSeconds(), 3))
                .add("serverCpuSeconds", round(u.serverSeconds(), 3))
                .add("redisCpuSeconds", round(u.redisSeconds(), 3))
                .add("redisRewriteCpuSeconds", round(u.redisRewriteSeconds(), 3))
                .add("generatorCpuSeconds", round(u.generatorSeconds(), 3))
                .add("serverCores", round(u.serverCores(), 3))
                .add("redisCores", round(u.redisCores(), 3))
                .add("generatorCores", round(u.generatorCores(), 3))
                .add("machineBusyCores", round(u.machineBusyCores(), 3))
                .add("otherProcessesCores", round(u.otherCores(), 3))
                .add("generatorBound", u.generatorBound());
    }

    static double round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return -1;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    /**
     * Cores used by server / Redis + its AOF rewrites / generator / everything else on the machine:
     * "1.21 / 0.10+0.05 / 0.62 / 0.02".
     */
    static String cores(CpuClock.Usage u) {
        return f(u.serverCores(), 2) + " / " + f(u.redisCores(), 2) + "+" + f(u.redisRewriteCores(), 2) + " / "
                + f(u.generatorCores(), 2) + " / " + f(u.otherCores(), 2);
    }
}
