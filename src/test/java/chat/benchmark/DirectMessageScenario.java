package chat.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Scenario 4: many pairs of users sending each other direct messages at once, each user keeping a window of
 * unacknowledged messages in flight (closed loop: the server's acknowledgements pace the load). Accepted means
 * acknowledged (the sender's own copy with its id); afterwards every acknowledged id is looked up through the
 * history API, and the streams under the run's key prefix are counted in Redis.
 */
final class DirectMessageScenario {

    private DirectMessageScenario() {
    }

    static Section run(Run run, Path out) {
        Settings settings = run.settings;
        Section section = new Section("dm", "Direct messages: many pairs at once, acknowledged and stored");
        int pairs = settings.number("dm.pairs");
        int window = settings.number("dm.window");
        double seconds = settings.decimal("dm.seconds");
        double warmup = settings.decimal("warmup.seconds");
        int contentSize = settings.number("content.size");

        LoadClients.Batch batch = run.connect(0, pairs * 2);
        if (batch.failed() > 0) {
            section.note(batch.failed() + " connections failed, first: " + batch.firstFailure());
        }
        Map<Integer, LoadConnection> byIndex = new HashMap<>();
        batch.connected().forEach(c -> byIndex.put(c.index, c));
        Map<Integer, String> partner = new HashMap<>();
        for (LoadConnection c : batch.connected()) {
            LoadConnection other = byIndex.get(c.index ^ 1);
            if (other != null) {
                partner.put(c.index, other.user);
            }
        }
        Ledger ledger = run.ledger(4_000_000, true);
        Phase warm = ledger.newPhase("dm warm-up");
        Phase measured = ledger.newPhase("dm");
        Phase profiled = ledger.newPhase("dm (profiled)");
        AtomicBoolean sending = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<Phase> current = new java.util.concurrent.atomic.AtomicReference<>(warm);
        java.util.function.IntConsumer next = senderIndex -> {
            if (!sending.get()) {
                return;
            }
            LoadConnection c = byIndex.get(senderIndex);
            Phase phase = current.get();
            int k = ledger.register(phase, senderIndex, 2, System.nanoTime());
            if (k >= 0) {
                c.send(Frames.direct(partner.get(senderIndex), k, contentSize));
            }
        };
        java.util.function.IntConsumer again = k -> next.accept(ledger.sender(k));
        for (Phase p : List.of(warm, measured, profiled)) {
            p.onAck = again;
            p.onReject = again;
        }
        section.note("After the connects the server " + run.settle("dm").describe() + ".");
        for (int w = 0; w < window; w++) {
            for (Integer index : partner.keySet()) {
                next.accept(index);
            }
        }
        Pause.millis((long) (warmup * 1000));
        // throughput: every acknowledgement that arrives in the window, whichever phase sent its message
        CpuClock.Reading before = run.cpu.read();
        long acksBefore = warm.acks.get() + measured.acks.get();
        long start = System.nanoTime();
        current.set(measured);
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end && run.timeLeft() && !ledger.isFull()) {
            Pause.millis(100);
        }
        long acks = warm.acks.get() + measured.acks.get() - acksBefore;
        double windowSeconds = (System.nanoTime() - start) / 1e9;
        CpuClock.Usage usage = run.cpu.read().since(before);
        int profileSeconds = settings.number("profile.seconds");
        if (profileSeconds > 0 && run.timeLeft()) {
            current.set(profiled);
            Profiler.profile(run, section, out, "dm", () -> Pause.millis(profileSeconds * 1000L));
        }
        sending.set(false);
        for (Phase p : List.of(warm, measured, profiled)) {
            p.drain(2000, 10_000);
        }
        Phase.Loss loss = ledger.loss(measured);
        double perSecond = acks / windowSeconds;
        Histogram ack = measured.ackLatency();
        Histogram delivery = measured.deliveryLatency();

        Verification verification = verify(run, ledger, List.of(warm, measured, profiled), byIndex);
        long streamEntries = streamEntries(run);

        Section.Table table = section.table("", "pairs", "window", "accepted msgs/s", "ack p50 ms", "ack p99 ms",
                "ack max ms", "delivery p99 ms", "lost copies", "rejected", "server µs/msg", "redis µs/msg", "redis rewrites µs/msg",
                "cores server/redis+rewrites/generator/other", "verified stored", "missing");
        table.row(partner.size() / 2, window, Fmt.count(perSecond), Fmt.ms(Fmt.ms(ack, 50)), Fmt.ms(Fmt.ms(ack, 99)),
                Fmt.ms(Fmt.maxMs(ack)), Fmt.ms(Fmt.ms(delivery, 99)), loss.lost(), measured.rejects.get(),
                Fmt.f(acks == 0 ? 0 : usage.serverSeconds() * 1e6 / acks, 1), Fmt.f(acks == 0 ? 0 : usage.redisSeconds() * 1e6 / acks, 1),
                Fmt.f(acks == 0 ? 0 : usage.redisRewriteSeconds() * 1e6 / acks, 1),
                Fmt.cores(usage), verification.describe(), verification.missing);
        section.json.add("pairs", partner.size() / 2).add("window", window)
                .add("acceptedPerSecond", Fmt.round(perSecond, 1))
                .add("acceptedInWindow", acks).add("windowSeconds", Fmt.round(windowSeconds, 2)).add("sent", measured.sent.get()).add("rejected", measured.rejects.get())
                .add("lostCopies", loss.lost()).add("unanswered", loss.unanswered())
                .add("ackLatencyMs", Fmt.latencyJson(ack)).add("deliveryLatencyMs", Fmt.latencyJson(delivery))
                .add("serverCpuMicrosPerMessage", Fmt.round(acks == 0 ? 0 : usage.serverSeconds() * 1e6 / acks, 2))
                .add("cpu", Fmt.usageJson(usage))
                .add("verifiedStored", verification.found).add("verifiedChecked", verification.checked)
                .add("missingFromHistory", verification.missing).add("verification", verification.describe())
                .add("redisStreamEntriesUnderPrefix", streamEntries)
                .add("generatorBound", usage.generatorBound());
        section.note("Each user keeps " + window + " direct messages unacknowledged at most and sends the next one when"
                + " an acknowledgement (its own copy with an id) arrives. Accepted/s counts the acknowledgements that arrived in the "
                + Fmt.f(windowSeconds, 1) + " s window after a " + Fmt.f(warmup, 0) + " s warm-up; CPU per message is over that"
                + " window too. Latencies are those of the messages sent in the window.");
        section.note("Stored: every acknowledged id (warm-up included, " + verification.checked + ") looked up through GET"
                + " /api/conversations/{user}/messages: " + verification.describe() + ". Redis holds " + streamEntries
                + " stream entries under the run's key prefix.");
        if (usage.generatorBound()) {
            section.note("The generator was the limit here: no idle core, and it used at least as much CPU as the server.");
        }
        return section;
    }

    record Verification(long checked, long found, long missing, String problem) {

        String describe() {
            return problem != null ? "not verified: " + problem : found + " of " + checked;
        }
    }

    /** Pages through each pair's conversation (as its first user) and looks for every acknowledged id. */
    static Verification verify(Run run, Ledger ledger, List<Phase> phases, Map<Integer, LoadConnection> byIndex) {
        Map<Integer, Set<String>> idsByPair = new HashMap<>();
        for (Phase phase : phases) {
            ledger.forEachAcked(phase, k -> {
                String id = ledger.id(k);
                idsByPair.computeIfAbsent(ledger.sender(k) / 2, p -> new HashSet<>()).add(id == null ? "?" + k : id);
            });
        }
        long checked = idsByPair.values().stream().mapToLong(Set::size).sum();
        long found = 0;
        long deadline = System.nanoTime() + 300_000_000_000L;
        for (Map.Entry<Integer, Set<String>> pair : idsByPair.entrySet()) {
            LoadConnection a = byIndex.get(pair.getKey() * 2);
            LoadConnection b = byIndex.get(pair.getKey() * 2 + 1);
            if (a == null || b == null) {
                continue;
            }
            Set<String> stored = new HashSet<>();
            String before = null;
            for (int page = 0; page < 10_000; page++) {
                if (System.nanoTime() > deadline) {
                    return new Verification(checked, found, checked - found, "verification took over 300 s");
                }
                String path = "/api/conversations/" + b.user + "/messages?limit=200"
                        + (before == null ? "" : "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8));
                JsonObject body;
                try {
                    HttpResponse<String> response = run.get(path, a.user);
                    if (response.statusCode() != 200) {
                        return new Verification(checked, found, checked - found,
                                "GET " + path + " answered " + response.statusCode());
                    }
                    body = Json.createReader(new StringReader(response.body())).readObject();
                } catch (Exception e) {
                    return new Verification(checked, found, checked - found, "GET " + path + ": " + LoadClients.rootMessage(e));
                }
                JsonArray messages = body.getJsonArray("messages");
                if (messages == null || messages.isEmpty()) {
                    break;
                }
                for (JsonValue m : messages) {
                    stored.add(m.asJsonObject().getString("id", ""));
                }
                before = messages.getJsonObject(0).getString("id", null);
                if (!body.getBoolean("hasMore", false) || before == null) {
                    break;
                }
            }
            for (String id : pair.getValue()) {
                if (stored.contains(id)) {
                    found++;
                }
            }
        }
        return new Verification(checked, found, checked - found, null);
    }

    /** Entries of every stream under the run's key prefix (XLEN summed), whatever the server names them. */
    static long streamEntries(Run run) {
        long total = 0;
        try (Jedis jedis = run.redis.connect()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(run.keyPrefix + "*").count(1000);
            List<String> streams = new ArrayList<>();
            do {
                ScanResult<String> page = jedis.scan(cursor, params, "stream");
                streams.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!"0".equals(cursor));
            for (String key : streams) {
                total += jedis.xlen(key);
            }
        } catch (RuntimeException e) {
            return -1;
        }
        return total;
    }
}
